import type {
  BookingService,
  Placement,
  PlacementRequest,
} from '@astrobookings/admin-subgraph/dist/booking/booking.service';
import { Caller } from '@astrobookings/admin-subgraph/dist/common/caller';
import { DomainError, GroupCommit } from '@astrobookings/shared';
import type { OperationalReader } from '../operational/operational.reader';
import type { OutcomeAnnouncer } from '../outcome-announcer';
import type { BookingCopies } from '../read-model/booking-copies';
import { bookingFromRecord } from '../read-model/states';
import type { EventEffect } from './outbox-event.handler';

const CUSTOMER_CANCELLATION = 'Cancelled by the customer';

/**
 * Customers' booking requests and cancellations, from the customer store to
 * PostgreSQL: the Admin subgraph's BookingService decides seats, refunds and
 * invoices there; the outcome is copied straight back (the outbox event that
 * follows brings the same) and announced. Both are idempotent: placing is keyed
 * by the customer's idempotency key and the booking id, and a booking is
 * cancelled at most once.
 *
 * Requests of concurrent jobs are placed in one transaction (group commit):
 * under load a batch costs PostgreSQL about what one booking did, and takes the
 * invoice counter every booking waits for once.
 */
export class BookingRequestHandler {
  private readonly placements: GroupCommit<PlacementRequest, Placement>;

  constructor(
    private readonly bookings: BookingService,
    private readonly copies: BookingCopies,
    private readonly operational: OperationalReader,
    private readonly announcer: OutcomeAnnouncer,
    private readonly clock: () => Date,
  ) {
    this.placements = new GroupCommit((requests) => bookings.placeBookings(requests));
  }

  async place(bookingId: string): Promise<EventEffect & { lagMs?: number }> {
    const request = await this.copies.findRequest(bookingId);
    if (request === undefined || request.status !== 'PENDING') {
      return { entity: 'booking', applied: false };
    }
    const placement = await this.placements.submit({
      customerUserId: request.customerUserId,
      launchId: request.launchId,
      seats: request.seats,
      idempotencyKey: request.idempotencyKey,
      bookingId: request._id,
    });
    let applied: boolean;
    if ('refusal' in placement) {
      // PostgreSQL refused the request itself (no such launch, a key reused): final, not retried.
      applied = await this.copies.rejectUndecided(
        request._id,
        placement.refusal.message,
        this.clock(),
      );
    } else if (placement.booking.id === request._id) {
      applied = await this.copies.apply(bookingFromRecord(placement.booking), this.clock());
    } else {
      // The key already named a booking placed another way: this request is not a second one.
      applied = await this.copies.rejectUndecided(
        request._id,
        'This idempotency key was already used for another booking',
        this.clock(),
      );
    }
    await this.announcer.announce({ entity: 'booking', id: bookingId });
    return {
      entity: 'booking',
      applied,
      lagMs: this.clock().getTime() - request.createdAt.getTime(),
    };
  }

  async cancel(bookingId: string): Promise<EventEffect & { lagMs?: number }> {
    const request = await this.copies.findRequest(bookingId);
    if (request?.cancelRequestedAt == null) return { entity: 'booking', applied: false };
    const requestedAt = request.cancelRequestedAt;
    let refusal: string | null = null;
    let applied = false;
    try {
      const cancelled = await this.bookings.cancelBooking(
        Caller.customer(request.customerUserId),
        bookingId,
        CUSTOMER_CANCELLATION,
      );
      applied = await this.copies.apply(bookingFromRecord(cancelled), this.clock());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const current = await this.operational.booking(bookingId);
      if (current?.status === 'CANCELLED') {
        // Cancelled already (a run of this job before, or an employee): copy that.
        applied = await this.copies.apply(bookingFromRecord(current), this.clock());
      } else {
        refusal = error.message;
      }
    }
    await this.copies.closeCancellation(bookingId, requestedAt, refusal, this.clock());
    await this.announcer.announce({ entity: 'booking', id: bookingId });
    return { entity: 'booking', applied, lagMs: this.clock().getTime() - requestedAt.getTime() };
  }
}
