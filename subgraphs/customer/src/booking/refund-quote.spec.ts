import { cancellationBlocker, refundQuote } from './refund-quote';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const confirmed = { status: 'CONFIRMED' as const, totalPrice: 24_691, currency: 'EUR' };
const launchIn = (ms: number, status: 'SCHEDULED' | 'DELAYED' | 'LAUNCHED' = 'SCHEDULED') => ({
  status,
  scheduledAt: at(ms),
});

describe('refundQuote', () => {
  it.each([
    ['30 days ahead', 30 * DAY_MS, 100, 24_691, at(0)],
    ['a millisecond under 30 days', 30 * DAY_MS - 1, 50, 12_345, at(23 * DAY_MS - 1)],
    ['7 days ahead', 7 * DAY_MS, 50, 12_345, at(0)],
    ['a millisecond under 7 days', 7 * DAY_MS - 1, 0, 0, null],
    ['a millisecond before departure', 1, 0, 0, null],
  ])('%s refunds %s %% (%s cents) until %s', (_, msLeft, percent, amount, validUntil) => {
    expect(refundQuote(confirmed, launchIn(msLeft), NOW)).toEqual({
      cancellable: true,
      reason: null,
      percent,
      amount,
      currency: 'EUR',
      quotedAt: NOW,
      validUntil,
    });
  });

  it('quotes a DELAYED launch by its new departure', () => {
    expect(refundQuote(confirmed, launchIn(45 * DAY_MS, 'DELAYED'), NOW)).toMatchObject({
      percent: 100,
      validUntil: at(15 * DAY_MS),
    });
  });

  it.each([
    ['at departure', confirmed, launchIn(0), /departed/],
    ['after departure', confirmed, launchIn(-DAY_MS), /departed/],
    ['once launched', confirmed, launchIn(DAY_MS, 'LAUNCHED'), /launch is launched/],
    ['when cancelled', { ...confirmed, status: 'CANCELLED' as const }, launchIn(DAY_MS), /already/],
    ['while pending', { ...confirmed, status: 'PENDING' as const }, launchIn(DAY_MS), /decided/],
    ['when rejected', { ...confirmed, status: 'REJECTED' as const }, launchIn(DAY_MS), /rejected/],
  ])('refunds nothing and says why %s', (_, booking, launch, reason) => {
    const quote = refundQuote(booking, launch, NOW);
    expect(quote).toMatchObject({
      cancellable: false,
      percent: null,
      amount: null,
      validUntil: null,
      currency: 'EUR',
    });
    expect(quote.reason).toMatch(reason);
    expect(cancellationBlocker(booking, launch, NOW)).toBe(quote.reason);
  });
});
