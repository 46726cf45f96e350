import { refundAmount, refundPercent, refundPercentHoldsUntil } from './refund-policy';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2030-01-01T00:00:00.000Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('refund policy', () => {
  it.each([
    [90, 100],
    [30, 100],
    [29.99, 50],
    [7, 50],
    [6.99, 0],
    [0.5, 0],
    [-1, 0],
  ])('refunds %s days before departure at %s %%', (days, percent) => {
    expect(refundPercent(inDays(days), NOW)).toBe(percent);
  });

  it('is exact to the millisecond at a tier boundary', () => {
    const departure = inDays(30);
    expect(refundPercent(departure, new Date(departure.getTime() - 30 * DAY_MS))).toBe(100);
    expect(refundPercent(departure, new Date(departure.getTime() - 30 * DAY_MS + 1))).toBe(50);
  });

  it('rounds a partial refund down to the cent', () => {
    expect(refundAmount(12_345, 50)).toBe(6_172);
    expect(refundAmount(12_345, 100)).toBe(12_345);
    expect(refundAmount(12_345, 0)).toBe(0);
  });

  it.each([
    [90, 60],
    [30, 0],
    [29.99, 22.99],
    [7, 0],
  ])(
    '%s days before departure, the refund holds until %s days from now',
    (daysLeft, holdsForDays) => {
      expect(refundPercentHoldsUntil(inDays(daysLeft), NOW)).toEqual(inDays(holdsForDays));
    },
  );

  it('holds nothing once nothing is refunded', () => {
    expect(refundPercentHoldsUntil(inDays(6.99), NOW)).toBeNull();
    expect(refundPercentHoldsUntil(inDays(-1), NOW)).toBeNull();
  });

  it('keeps the percent up to the instant it names, and drops right after', () => {
    const departure = inDays(45);
    const until = refundPercentHoldsUntil(departure, NOW);
    if (until === null) throw new Error('a full refund holds until a time');
    expect(refundPercent(departure, until)).toBe(100);
    expect(refundPercent(departure, new Date(until.getTime() + 1))).toBe(50);
  });
});
