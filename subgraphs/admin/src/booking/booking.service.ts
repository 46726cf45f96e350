import { BookingStatus, OutboxEventType, type LaunchStatus } from '@astrobookings/prisma';
import {
  BadUserInputError,
  ConflictError,
  decodeCursor,
  ForbiddenError,
  NotFoundError,
  pageSize,
  refundAmount,
  refundPercent,
  toConnection,
  type Connection,
  type PageArgs,
} from '@astrobookings/shared';
import { Caller } from '../common/caller';
import type { Clock } from '../common/clock';
import { isRowId, rowId } from '../common/ids';
import { bookingSnapshot, launchSnapshot } from '../common/snapshots';
import { reasonText } from '../common/text';
import type { Repositories, UnitOfWork } from '../common/unit-of-work';
import type { Invoicing } from '../invoice/invoicing';
import { isOnSale } from '../launch/launch-lifecycle';
import type { LaunchRow } from '../launch/launch.repository';
import type { SpaceportRow } from '../spaceport/spaceport.repository';
import type { BookingSearch } from './booking.input';
import type { BookingFilter, BookingRow } from './booking.repository';

export const MIN_SEATS = 1;
export const MAX_SEATS = 4;
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * Bookings in the system of record. `placeBooking` and `cancelBooking` are what
 * the sync worker calls for the customer's `bookSeats` and `cancelMyBooking`.
 */
export class BookingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly invoicing: Invoicing,
    private readonly clock: Clock,
  ) {}

  /**
   * Books `seats` seats for a customer: CONFIRMED at the launch's price (fixed from
   * then on, with the customer's invoice), or REJECTED with the reason. The same
   * customer and idempotency key always answer the same booking and never book twice;
   * the key with other seats or another launch is a CONFLICT. `bookingId` is the id
   * the customer store gave the request (the sync worker passes it), so both stores
   * name the booking alike; without it PostgreSQL makes one.
   */
  async placeBooking(
    customerUserId: string,
    launchId: string,
    seats: number,
    idempotencyKey: string,
    bookingId?: string,
  ): Promise<BookingRow> {
    if (!Number.isInteger(seats) || seats < MIN_SEATS || seats > MAX_SEATS) {
      throw new BadUserInputError(`A booking has ${MIN_SEATS} to ${MAX_SEATS} seats`, {
        field: 'seats',
      });
    }
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new BadUserInputError(
        `The idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
        { field: 'idempotencyKey' },
      );
    }
    if (bookingId !== undefined && !isRowId(bookingId)) {
      throw new BadUserInputError('A booking id is a UUID', { field: 'bookingId' });
    }
    const request = {
      id: bookingId?.toLowerCase(),
      customerUserId,
      launchId: rowId(launchId, 'Launch'),
      seats,
      key,
    };
    const earlier = await this.uow.read.bookings.findByIdempotencyKey(customerUserId, key);
    if (earlier !== null) return sameRequest(earlier, request);

    const placed = await this.uow.transaction((repos) => this.place(repos, request));
    if (placed !== null) return placed;
    // A concurrent request with the same key committed first: answer its booking.
    const winner = await this.uow.read.bookings.findByIdempotencyKey(customerUserId, key);
    if (winner === null) throw new Error('a booking lost to its idempotency key was not found');
    return sameRequest(winner, request);
  }

  private async place(
    repos: Repositories,
    request: {
      id: string | undefined;
      customerUserId: string;
      launchId: string;
      seats: number;
      key: string;
    },
  ): Promise<BookingRow | null> {
    const launch = await repos.launches.findById(request.launchId);
    if (launch === null) throw new NotFoundError('Launch');
    const pending = await repos.bookings.insertPending({
      id: request.id,
      launchId: launch.id,
      customerUserId: request.customerUserId,
      idempotencyKey: request.key,
      seats: request.seats,
      pricePerSeat: launch.pricePerSeat,
      currency: launch.currency,
    });
    if (pending === null) return null;

    const confirmed = await repos.launches.takeSeats(launch.id, request.seats);
    const now = await repos.launches.findById(launch.id);
    if (now === null) throw new NotFoundError('Launch');
    const booking = await repos.bookings.settle(
      pending.id,
      confirmed
        ? { status: BookingStatus.CONFIRMED }
        : { status: BookingStatus.REJECTED, reason: rejectionReason(now, request.seats) },
    );
    const caller = Caller.customer(request.customerUserId);
    await this.recordBookingChange(repos, caller, {
      type: confirmed ? OutboxEventType.BookingConfirmed : OutboxEventType.BookingRejected,
      after: booking,
      launch: now,
      spaceport: await repos.spaceports.findOfLaunch(now),
    });
    if (confirmed) await this.invoicing.issueForBooking(repos, caller, booking);
    return booking;
  }

  /**
   * Cancels a CONFIRMED booking before departure, by an employee or its customer,
   * refunding by the time left (see refund-policy); the seats go back on sale and
   * the customer's invoice follows.
   */
  async cancelBooking(caller: Caller, id: string, reason: string): Promise<BookingRow> {
    const bookingId = rowId(id, 'Booking');
    const why = reasonText(reason);
    const known = await this.uow.read.bookings.findById(bookingId);
    if (known === null) throw new NotFoundError('Booking');
    if (!caller.isEmployee && known.customerUserId !== caller.userId) throw new ForbiddenError();

    return this.uow.transaction(async (repos) => {
      // The launch first, then the booking: the order a launch's cancellation locks them in.
      const launch = await repos.launches.lockById(known.launchId);
      const booking = await repos.bookings.lockById(bookingId);
      if (launch === null || booking === null) throw new NotFoundError('Booking');
      if (booking.status !== BookingStatus.CONFIRMED) {
        throw new ConflictError(`The booking is already ${booking.status.toLowerCase()}`);
      }
      if (!isOnSale(launch.status)) {
        throw new ConflictError(
          `The launch is ${launch.status.toLowerCase()}: its bookings can no longer be cancelled`,
        );
      }
      const percent = refundPercent(launch.scheduledAt, this.clock());
      const spaceport = await repos.spaceports.findOfLaunch(launch);
      return this.cancelConfirmed(repos, caller, booking, percent, why, spaceport);
    });
  }

  /**
   * Inside the transaction that calls off a launch (which holds its lock): cancels
   * each of its CONFIRMED bookings with a full refund.
   */
  async cancelAllOfCalledOffLaunch(
    repos: Repositories,
    caller: Caller,
    launch: LaunchRow,
    reason: string,
  ): Promise<void> {
    const spaceport = await repos.spaceports.findOfLaunch(launch);
    for (const booking of await repos.bookings.listConfirmedOfLaunch(launch.id)) {
      await this.cancelConfirmed(repos, caller, booking, 100, reason, spaceport, null);
    }
  }

  private async cancelConfirmed(
    repos: Repositories,
    caller: Caller,
    booking: BookingRow,
    percent: number,
    reason: string,
    spaceport: SpaceportRow,
    cancelledBy: string | null = caller.userId,
  ): Promise<BookingRow> {
    const cancelled = await repos.bookings.markCancelled(booking.id, {
      refundPercent: percent,
      refundAmount: refundAmount(booking.totalPrice, percent),
      reason,
      cancelledBy,
      cancelledAt: this.clock(),
    });
    const launch = await repos.launches.releaseSeats(booking.launchId, booking.seats);
    await this.recordBookingChange(repos, caller, {
      type: OutboxEventType.BookingCancelled,
      before: booking,
      after: cancelled,
      launch,
      spaceport,
    });
    await this.invoicing.followCancellation(repos, caller, cancelled, reason);
    return cancelled;
  }

  /** The bookings that match `search` (all without one), newest first (employees). */
  async list(args: PageArgs, search?: BookingSearch | null): Promise<Connection<BookingRow>> {
    const size = pageSize(args);
    // An explicit null asks for the first page, like an omitted cursor.
    const after = args.after == null ? undefined : bookingCursor(args.after);
    const filter = bookingFilter(search);
    if (filter === null) return toConnection([], size, 0, () => []);
    const [rows, totalCount] = await Promise.all([
      this.uow.read.bookings.page(filter, size, after),
      this.uow.read.bookings.count(filter),
    ]);
    return toConnection(rows, size, totalCount, (row) => [row.createdAt.toISOString(), row.id]);
  }

  /** Employees, the supplier of its launch, and its customer see a booking. */
  canSee(caller: Caller, booking: BookingRow, launch: LaunchRow): boolean {
    return caller.canManage(launch.supplierId) || booking.customerUserId === caller.userId;
  }

  private recordBookingChange(
    repos: Repositories,
    caller: Caller,
    change: {
      type:
        | typeof OutboxEventType.BookingConfirmed
        | typeof OutboxEventType.BookingRejected
        | typeof OutboxEventType.BookingCancelled;
      before?: BookingRow;
      after: BookingRow;
      launch: LaunchRow;
      spaceport: SpaceportRow;
    },
  ): Promise<void> {
    const booking = bookingSnapshot(change.after);
    return repos.changes.record(caller.auditActor, {
      event: change.type,
      entityType: 'booking',
      entityId: change.after.id,
      before: change.before && bookingSnapshot(change.before),
      after: booking,
      payload: { booking, launch: launchSnapshot(change.launch, change.spaceport) },
    });
  }
}

function sameRequest(
  booking: BookingRow,
  request: { launchId: string; seats: number },
): BookingRow {
  if (booking.launchId !== request.launchId || booking.seats !== request.seats) {
    throw new ConflictError('This idempotency key was already used for another booking');
  }
  return booking;
}

function rejectionReason(
  launch: { status: LaunchStatus; seatCapacity: number; seatsSold: number },
  seats: number,
): string {
  if (!isOnSale(launch.status)) return `The launch is ${launch.status.toLowerCase()}`;
  const left = launch.seatCapacity - launch.seatsSold;
  if (left >= seats) return 'The launch has already departed';
  return left === 0
    ? 'The launch is sold out'
    : `Only ${left} seat${left === 1 ? '' : 's'} left, ${seats} requested`;
}

/**
 * The search as a filter on PostgreSQL's columns; null when it can match nothing
 * (an id that is no uuid, which PostgreSQL would refuse to compare).
 */
function bookingFilter(search: BookingSearch | null | undefined): BookingFilter | null {
  const text = search?.text?.trim();
  const filter: BookingFilter = {
    status: search?.status ?? undefined,
    customerUserId: search?.customerId ?? undefined,
  };
  if (search?.launchId != null) {
    if (!isRowId(search.launchId)) return null;
    filter.launchId = search.launchId.toLowerCase();
  }
  if (text) {
    if (isRowId(text)) filter.anyId = text.toLowerCase();
    else filter.missionPart = text;
  }
  return filter;
}

function bookingCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = decodeCursor(cursor, 2);
  const date = new Date(String(createdAt));
  if (Number.isNaN(date.getTime()) || !isRowId(String(id))) {
    throw new BadUserInputError('Invalid cursor', { argument: 'after' });
  }
  return { createdAt: date, id: String(id) };
}
