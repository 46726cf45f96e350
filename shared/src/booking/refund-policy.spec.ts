import { refundAmount, refundPercent } from './refund-policy';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000);

describe('refund policy', () => {
  it.each([
    [90, 100],
    [30, 100],
    [29.99, 50],
    [7, 50],
    [6.99, 0],
    [0.5, 0],
  ])('refunds %s days before departure at %s %%', (days, percent) => {
    expect(refundPercent(inDays(days), NOW)).toBe(percent);
  });

  it('rounds a partial refund down to the cent', () => {
    expect(refundAmount(12_345, 50)).toBe(6_172);
    expect(refundAmount(12_345, 100)).toBe(12_345);
    expect(refundAmount(12_345, 0)).toBe(0);
  });
});
