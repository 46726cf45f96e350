/**
 * The statuses the customer store copies from the operational PostgreSQL. They
 * are PostgreSQL's enums by value (the shared library does not depend on the
 * Prisma package): keep them in step with prisma/schema.prisma.
 */

export const LAUNCH_STATUSES = [
  'SCHEDULED',
  'DELAYED',
  'LAUNCHED',
  'SUCCESSFUL',
  'FAILED',
  'ABORTED',
  'CANCELLED',
] as const;
export type LaunchStatusValue = (typeof LAUNCH_STATUSES)[number];

/** Launches whose seats can be booked (while their departure is ahead). */
export const ON_SALE_STATUSES: readonly LaunchStatusValue[] = ['SCHEDULED', 'DELAYED'];

export const BOOKING_STATUSES = ['PENDING', 'CONFIRMED', 'CANCELLED', 'REJECTED'] as const;
export type BookingStatusValue = (typeof BOOKING_STATUSES)[number];

/**
 * How far a booking has come: it only ever moves forward (PENDING → CONFIRMED or
 * REJECTED → CANCELLED), so a copy that arrives late never undoes a newer one.
 */
export const BOOKING_STATUS_RANK: Record<BookingStatusValue, number> = {
  PENDING: 0,
  CONFIRMED: 1,
  REJECTED: 1,
  CANCELLED: 2,
};

export const INVOICE_STATUSES = ['ISSUED', 'PAID', 'VOID'] as const;
export type InvoiceStatusValue = (typeof INVOICE_STATUSES)[number];

/**
 * Where a customer is on a launch's waitlist: PENDING until PostgreSQL has the
 * request, then as PostgreSQL decided (WaitlistStatus).
 */
export const WAITLIST_STATUSES = [
  'PENDING',
  'WAITING',
  'HOLDING',
  'BOOKED',
  'LEFT',
  'EXPIRED',
  'CLOSED',
] as const;
export type WaitlistStatusValue = (typeof WAITLIST_STATUSES)[number];

/** Whether a launch's seats can be booked at `now`. */
export function isOnSaleAt(
  launch: { status: LaunchStatusValue; scheduledAt: Date },
  now: Date,
): boolean {
  return ON_SALE_STATUSES.includes(launch.status) && launch.scheduledAt > now;
}
