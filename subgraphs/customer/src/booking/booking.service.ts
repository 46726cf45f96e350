import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  type Principal,
} from '@astrobookings/shared';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock';
import type { OutcomeWaiter } from '../common/outcome-waiter';
import type { SyncRequests } from '../common/sync-requests';
import type { LaunchView } from '../launch/launch.repository';
import type { LaunchCatalog } from '../launch/launch.service';
import type { ProfileService } from '../profile/profile.service';
import type { BookSeatsInput } from './booking.input';
import type { BookingView, CustomerBookingRepository } from './booking.repository';
import { cancellationBlocker, refundQuote, type RefundQuoteView } from './refund-quote';

export const MIN_SEATS = 1;
export const MAX_SEATS = 4;
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** More than anyone books; the contract's myBookings is one list. */
const MAX_LISTED = 500;

export interface BookingSettings {
  /** How long a request waits for PostgreSQL's decision (BOOKING_WAIT_MS). */
  waitMs: number;
}

/**
 * Customers' bookings. A request is recorded PENDING in the customer store and
 * handed to the sync worker, which has PostgreSQL decide (the only place seats
 * are decided) and copies the outcome back; the customer gets it if it comes
 * within the wait, PENDING otherwise.
 */
export class BookingService {
  constructor(
    private readonly bookings: CustomerBookingRepository,
    private readonly catalog: LaunchCatalog,
    private readonly profiles: ProfileService,
    private readonly requests: SyncRequests,
    private readonly outcomes: OutcomeWaiter,
    private readonly settings: BookingSettings,
    private readonly clock: Clock,
  ) {}

  async bookSeats(caller: Principal, input: BookSeatsInput): Promise<BookingView> {
    const seats = seatCount(input.seats);
    const key = idempotencyKey(input.idempotencyKey);
    let launch: LaunchView;
    try {
      launch = await this.catalog.getOnSale(input.launchId, true);
    } catch (error) {
      // A repeat of a request made while the launch was on sale still answers its booking.
      const earlier = await this.bookings.findByIdempotencyKey(caller.userId, key);
      if (earlier === undefined) throw error;
      return this.answerRepeat(earlier, input.launchId, seats);
    }
    await this.profiles.ensure(caller);
    const id = randomUUID();
    const inserted = await this.bookings.insertRequest(
      {
        id,
        customerUserId: caller.userId,
        idempotencyKey: key,
        launchId: launch.id,
        seats,
        pricePerSeat: launch.pricePerSeat,
        currency: launch.currency,
      },
      this.clock(),
    );
    if (!inserted) {
      // The key was used before (or by a concurrent request recorded first): answer its booking.
      const earlier = await this.bookings.findByIdempotencyKey(caller.userId, key);
      if (earlier === undefined)
        throw new Error('a booking that holds its idempotency key is gone');
      return this.answerRepeat(earlier, input.launchId, seats);
    }
    return this.decided(id, () => this.requests.placeBooking(id), true);
  }

  /**
   * Asks to cancel one of the caller's CONFIRMED bookings; PostgreSQL refunds by
   * the time left before departure.
   */
  async cancel(caller: Principal, id: string): Promise<BookingView> {
    const booking = await this.findOwn(caller, id);
    if (booking.status === 'CANCELLED') return booking;
    const launch = await this.catalog.get(booking.launchId);
    const blocker = cancellationBlocker(booking, launch, this.clock());
    if (blocker !== null) throw new ConflictError(blocker);
    const requestedAt = booking.cancelRequestedAt ?? this.clock();
    if (booking.cancelRequestedAt === null) {
      await this.bookings.requestCancellation(booking.id, requestedAt);
    }
    const answer = await this.outcomes.settle({
      entity: 'booking',
      id: booking.id,
      timeoutMs: this.settings.waitMs,
      handOver: () => this.requests.cancelBooking(booking.id, requestedAt),
      read: () => this.reread(booking.id),
      settled: (current) => current.status === 'CANCELLED' || current.cancelRequestedAt === null,
    });
    if (
      answer.status !== 'CANCELLED' &&
      answer.cancelRequestedAt === null &&
      answer.cancelRefusal
    ) {
      throw new ConflictError(answer.cancelRefusal);
    }
    return answer;
  }

  /** What cancelling the booking at this instant would refund, or why it cannot be cancelled. */
  refundIfCancelledNow(booking: BookingView, launch: LaunchView): RefundQuoteView {
    return refundQuote(booking, launch, this.clock());
  }

  /** The caller's bookings, newest first. */
  listOwn(caller: Principal): Promise<BookingView[]> {
    return this.bookings.listByCustomer(caller.userId, MAX_LISTED);
  }

  /** One of the caller's bookings; NOT_FOUND for any other, so ids of others reveal nothing. */
  async findOwn(caller: Principal, id: string): Promise<BookingView> {
    const booking = await this.bookings.findById(id);
    if (booking === undefined || booking.customerUserId !== caller.userId) {
      throw new NotFoundError('Booking');
    }
    return booking;
  }

  private answerRepeat(
    earlier: BookingView,
    launchId: string,
    seats: number,
  ): Promise<BookingView> {
    if (earlier.launchId !== launchId || earlier.seats !== seats) {
      throw new ConflictError('This idempotency key was already used for another booking');
    }
    if (earlier.status !== 'PENDING') return Promise.resolve(earlier);
    // Still undecided: hand it over again (a no-op while its job exists) and wait like the first time.
    return this.decided(earlier.id, () => this.requests.placeBooking(earlier.id));
  }

  /** Hands a request over and waits for its decision; `fresh`: just recorded, so surely undecided. */
  private decided(id: string, handOver: () => Promise<void>, fresh = false): Promise<BookingView> {
    return this.outcomes.settle({
      entity: 'booking',
      id,
      timeoutMs: this.settings.waitMs,
      handOver,
      read: () => this.reread(id),
      settled: (booking) => booking.status !== 'PENDING',
      skipFirstRead: fresh,
    });
  }

  private async reread(id: string): Promise<BookingView> {
    const booking = await this.bookings.findById(id);
    if (booking === undefined) throw new Error(`booking ${id} vanished from the customer store`);
    return booking;
  }
}

function seatCount(seats: number): number {
  if (!Number.isInteger(seats) || seats < MIN_SEATS || seats > MAX_SEATS) {
    throw new BadUserInputError(`A booking has ${MIN_SEATS} to ${MAX_SEATS} seats`, {
      field: 'seats',
    });
  }
  return seats;
}

function idempotencyKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new BadUserInputError(
      `The idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      { field: 'idempotencyKey' },
    );
  }
  return trimmed;
}
