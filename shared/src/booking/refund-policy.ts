const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The share of the price a customer gets back for cancelling, by the time left
 * before departure: 30 days or more 100 %, 7 days or more 50 %, later nothing.
 */
export function refundPercent(scheduledAt: Date, now: Date): number {
  const daysLeft = (scheduledAt.getTime() - now.getTime()) / DAY_MS;
  if (daysLeft >= 30) return 100;
  if (daysLeft >= 7) return 50;
  return 0;
}

/** A refund in minor units, rounded down to a whole cent. */
export function refundAmount(totalPrice: number, percent: number): number {
  return Math.floor((totalPrice * percent) / 100);
}
