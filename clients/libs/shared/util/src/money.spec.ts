import { currencyDecimals, formatMoney, parseMoney } from './money';

describe('money in minor units', () => {
  it('formats by the currency’s own decimals', () => {
    expect(formatMoney(123450, 'USD')).toBe('$1,234.50');
    expect(formatMoney(123450, 'eur')).toBe('€1,234.50');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(-2500, 'USD')).toBe('-$25.00');
  });

  it('knows how many decimals a currency has, and assumes 2 for unknown codes', () => {
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
    expect(currencyDecimals('??')).toBe(2);
  });

  it('still shows an amount for a code Intl rejects', () => {
    expect(formatMoney(1050, 'NOPE')).toBe('10.50 NOPE');
  });

  it('parses what people type into minor units', () => {
    expect(parseMoney('1234.5', 'USD')).toBe(123450);
    expect(parseMoney(' 1,234.50 ', 'USD')).toBe(123450);
    expect(parseMoney('250000', 'USD')).toBe(25000000);
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    expect(parseMoney('0.001', 'KWD')).toBe(1);
  });

  it('refuses what is not an amount in that currency', () => {
    expect(parseMoney('', 'USD')).toBeNull();
    expect(parseMoney('12.345', 'USD')).toBeNull();
    expect(parseMoney('15.5', 'JPY')).toBeNull();
    expect(parseMoney('-5', 'USD')).toBeNull();
    expect(parseMoney('abc', 'USD')).toBeNull();
  });
});
