/**
 * Money travels as an integer amount in minor units (cents) beside an ISO 4217
 * currency. Conversions go through the currency's own number of decimals, so
 * JPY (0) and KWD (3) are as right as EUR (2).
 */

const decimalsCache = new Map<string, number>();

export function currencyDecimals(currency: string): number {
  const code = currency.toUpperCase();
  let decimals = decimalsCache.get(code);
  if (decimals === undefined) {
    try {
      decimals =
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      decimals = 2;
    }
    decimalsCache.set(code, decimals);
  }
  return decimals;
}

/** `formatMoney(123450, 'USD')` → "$1,234.50" (in the given locale). */
export function formatMoney(amount: number, currency: string, locale = 'en-US'): string {
  const code = currency.toUpperCase();
  const decimals = currencyDecimals(code);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(amount / 10 ** decimals);
  } catch {
    return `${(amount / 10 ** decimals).toFixed(decimals)} ${code}`;
  }
}

/**
 * What a person typed ("1234.5", "1,234.50") as minor units, or null when it
 * isn't an amount with at most the currency's decimals.
 */
export function parseMoney(text: string, currency: string): number | null {
  const decimals = currencyDecimals(currency);
  const cleaned = text.trim().replace(/[\s,]/g, '');
  const pattern = decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`);
  if (!pattern.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
}
