import {
  isOnSaleAt,
  ON_SALE_STATUSES,
  refundAmount,
  refundPercent,
  refundPercentHoldsUntil,
} from '@astrobookings/shared';
import type { LaunchView } from '../launch/launch.repository';
import type { BookingView } from './booking.repository';

/** What cancelling a booking at one instant would refund, or why it cannot be cancelled then. */
export interface RefundQuoteView {
  cancellable: boolean;
  reason: string | null;
  percent: number | null;
  amount: number | null;
  currency: string;
  quotedAt: Date;
  validUntil: Date | null;
}

/**
 * Why `cancelMyBooking` would refuse the booking at `now`, or null when it would
 * cancel it. PostgreSQL decides in the end; this is what the read model tells.
 */
export function cancellationBlocker(
  booking: Pick<BookingView, 'status'>,
  launch: Pick<LaunchView, 'status' | 'scheduledAt'>,
  now: Date,
): string | null {
  switch (booking.status) {
    case 'CANCELLED':
      return 'The booking is already cancelled';
    case 'PENDING':
      return 'The booking is still being decided: cancel it once confirmed';
    case 'REJECTED':
      return 'The booking was rejected: there is nothing to cancel';
    case 'CONFIRMED':
      break;
  }
  if (!ON_SALE_STATUSES.includes(launch.status)) {
    return `The launch is ${launch.status.toLowerCase()}: its bookings can no longer be cancelled`;
  }
  if (!isOnSaleAt(launch, now)) {
    return 'The launch has departed: its bookings can no longer be cancelled';
  }
  return null;
}

/** The refund policy (shared with PostgreSQL's cancellation) applied to a booking at `now`. */
export function refundQuote(
  booking: Pick<BookingView, 'status' | 'totalPrice' | 'currency'>,
  launch: Pick<LaunchView, 'status' | 'scheduledAt'>,
  now: Date,
): RefundQuoteView {
  const reason = cancellationBlocker(booking, launch, now);
  if (reason !== null) {
    return {
      cancellable: false,
      reason,
      percent: null,
      amount: null,
      currency: booking.currency,
      quotedAt: now,
      validUntil: null,
    };
  }
  const percent = refundPercent(launch.scheduledAt, now);
  return {
    cancellable: true,
    reason: null,
    percent,
    amount: refundAmount(booking.totalPrice, percent),
    currency: booking.currency,
    quotedAt: now,
    validUntil: refundPercentHoldsUntil(launch.scheduledAt, now),
  };
}
