import { DateTimePipe, MoneyPipe, RelativeTimePipe } from './pipes';

describe('formatting pipes', () => {
  it('money: minor units with their currency, a dash for nothing', () => {
    const pipe = new MoneyPipe();
    expect(pipe.transform(25000000, 'USD')).toBe('$250,000.00');
    expect(pipe.transform(0, 'EUR')).toBe('€0.00');
    expect(pipe.transform(null, 'USD')).toBe('—');
    expect(pipe.transform(100, null)).toBe('—');
  });

  it('dateTime: with or without the time', () => {
    const pipe = new DateTimePipe();
    expect(pipe.transform('2030-01-02T03:04:00Z')).toBe('2 Jan 2030, 03:04 UTC');
    expect(pipe.transform('2030-01-02T03:04:00Z', 'date')).toBe('2 Jan 2030');
    expect(pipe.transform('2030-01-02T03:04:05.678Z', 'precise')).toBe(
      '2 Jan 2030, 03:04:05.678 UTC',
    );
    expect(pipe.transform(null)).toBe('—');
  });

  it('relativeTime: a dash for nothing', () => {
    expect(new RelativeTimePipe().transform(undefined)).toBe('—');
  });
});
