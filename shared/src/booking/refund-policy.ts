const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The share of the price a customer gets back for cancelling, by the days left
 * before departure, highest first; later than the last tier nothing.
 */
const REFUND_TIERS: readonly { minDaysLeft: number; percent: number }[] = [
  { minDaysLeft: 30, percent: 100 },
  { minDaysLeft: 7, percent: 50 },
];

/**
 * The share of the price a customer gets back for cancelling, by the time left
 * before departure: 30 days or more 100 %, 7 days or more 50 %, later nothing.
 */
export function refundPercent(scheduledAt: Date, now: Date): number {
  return tierAt(scheduledAt, now)?.percent ?? 0;
}

/** A refund in minor units, rounded down to a whole cent. */
export function refundAmount(totalPrice: number, percent: number): number {
  return Math.floor((totalPrice * percent) / 100);
}

/**
 * The last instant at which cancelling still refunds `refundPercent(scheduledAt, now)`:
 * just before the time left falls under its tier; null once nothing is refunded.
 */
export function refundPercentHoldsUntil(scheduledAt: Date, now: Date): Date | null {
  const tier = tierAt(scheduledAt, now);
  if (tier === undefined) return null;
  return new Date(scheduledAt.getTime() - tier.minDaysLeft * DAY_MS);
}

function tierAt(scheduledAt: Date, now: Date): (typeof REFUND_TIERS)[number] | undefined {
  const msLeft = scheduledAt.getTime() - now.getTime();
  return REFUND_TIERS.find((tier) => msLeft >= tier.minDaysLeft * DAY_MS);
}
