import { BookingStatus, OutboxEventType, type LaunchStatus } from '@astrobookings/prisma';
import {
  BadUserInputError,
  ConflictError,
  decodeCursor,
  DomainError,
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
import type { Change } from '../common/change-log.repository';
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

/** A customer's request for seats, as `placeBooking` takes it. */
export interface PlacementRequest {
  customerUserId: string;
  launchId: string;
  seats: number;
  idempotencyKey: string;
  /** The id the customer store gave the request; without it PostgreSQL makes one. */
  bookingId?: string;
}

/** What became of one request: its booking, or the domain error that refused the request itself. */
export type Placement = { booking: BookingRow } | { refusal: DomainError };

/** A request checked: its launch id and booking id in PostgreSQL's form, its key trimmed. */
interface ValidRequest {
  id: string | undefined;
  customerUserId: string;
  launchId: string;
  seats: number;
  idempotencyKey: string;
}

/**
 * Bookings in the system of record. `placeBookings` and `cancelBooking` are what
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
   * the customer store gave the request, so both stores name the booking alike;
   * without it PostgreSQL makes one.
   */
  async placeBooking(
    customerUserId: string,
    launchId: string,
    seats: number,
    idempotencyKey: string,
    bookingId?: string,
  ): Promise<BookingRow> {
    const [placement] = await this.placeBookings([
      { customerUserId, launchId, seats, idempotencyKey, bookingId },
    ]);
    if ('refusal' in placement) throw placement.refusal;
    return placement.booking;
  }

  /**
   * Many requests, each answered as `placeBooking` would answer it alone, in one
   * transaction: their launches are locked once (in id order, so concurrent
   * batches never deadlock) and each launch's requests decided in the order
   * given. A batch costs a few statements rather than a dozen per request, and
   * takes the invoice counter, which every booking waits for, once.
   * Seats are decided here under the launches' locks and taken by one
   * conditional update per launch, which PostgreSQL refuses beyond capacity.
   */
  async placeBookings(requests: readonly PlacementRequest[]): Promise<Placement[]> {
    const placements: Placement[] = new Array<Placement>(requests.length);
    const valid: { index: number; request: ValidRequest }[] = [];
    requests.forEach((request, index) => {
      try {
        valid.push({ index, request: validRequest(request) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        placements[index] = { refusal: error };
      }
    });
    const earlier = byKey(
      await this.uow.read.bookings.findByIdempotencyKeys(valid.map(({ request }) => request)),
    );
    const fresh: { index: number; request: ValidRequest }[] = [];
    for (const item of valid) {
      const booking = earlier.get(keyOf(item.request));
      if (booking === undefined) fresh.push(item);
      else placements[item.index] = answer(booking, item.request);
    }
    if (fresh.length === 0) return placements;

    const { placed, missing } = await this.uow.transaction((repos) =>
      this.place(
        repos,
        fresh.map(({ request }) => request),
      ),
    );
    for (const { index, request } of fresh) {
      if (missing.has(request.launchId)) {
        placements[index] = { refusal: new NotFoundError('Launch') };
        continue;
      }
      const booking =
        placed.get(keyOf(request)) ??
        // A concurrent request with the same key committed first: answer its booking.
        (await this.uow.read.bookings.findByIdempotencyKey(
          request.customerUserId,
          request.idempotencyKey,
        ));
      if (booking === null) throw new Error('a booking lost to its idempotency key was not found');
      placements[index] = answer(booking, request);
    }
    return placements;
  }

  /**
   * Decides the requests; answers the bookings recorded (by customer and key)
   * and the launches that do not exist.
   */
  private async place(
    repos: Repositories,
    requests: readonly ValidRequest[],
  ): Promise<{ placed: Map<string, BookingRow>; missing: Set<string> }> {
    const locked = await repos.launches.lockForBooking([
      ...new Set(requests.map((request) => request.launchId)),
    ]);
    const missing = new Set(
      requests.map((request) => request.launchId).filter((id) => !locked.has(id)),
    );
    const recorded = byKey(
      await repos.bookings.insertPending(
        requests.flatMap((request) => {
          const launch = locked.get(request.launchId)?.launch;
          if (launch === undefined) return [];
          return {
            id: request.id,
            launchId: launch.id,
            customerUserId: request.customerUserId,
            idempotencyKey: request.idempotencyKey,
            seats: request.seats,
            pricePerSeat: launch.pricePerSeat,
            currency: launch.currency,
          };
        }),
      ),
    );
    // First come, first served: in the order asked (a key given twice is recorded once).
    let pending = [...new Set(requests.map(keyOf))].flatMap((key) => recorded.get(key) ?? []);
    if (pending.length === 0) return { placed: recorded, missing };
    const launches = new Map([...locked].map(([id, { launch }]) => [id, launch]));
    const holding = [...locked].filter(([, { holding }]) => holding).map(([id]) => id);
    if (holding.length > 0) {
      // Recording a holder's booking gave its held seats back to the launch for it (and
      // passed any beyond its own to the next in line): those are decided first, on
      // the launch as it now is.
      for (const [id, launch] of await repos.launches.findByIds(holding)) launches.set(id, launch);
      const holders = await repos.bookings.usedHolds(pending.map((booking) => booking.id));
      pending = [
        ...pending.filter((booking) => holders.has(booking.id)),
        ...pending.filter((booking) => !holders.has(booking.id)),
      ];
    }

    const decisions: { launch: LaunchRow; decision: Decision }[] = [];
    for (const launch of launches.values()) {
      const own = pending.filter((booking) => booking.launchId === launch.id);
      if (own.length > 0) decisions.push({ launch, decision: decide(launch, own, true) });
    }
    const taken = await repos.launches.takeSeats(
      new Map(
        decisions
          .filter(({ decision }) => decision.seatsTaken > 0)
          .map(({ launch, decision }) => [launch.id, decision.seatsTaken]),
      ),
    );
    const outcomes: { booking: BookingRow; reason: string | null; launch: LaunchRow }[] = [];
    for (const { launch, decision: first } of decisions) {
      let decision = first;
      if (decision.seatsTaken > 0 && !taken.has(launch.id)) {
        // Refused under the launch's lock, so by PostgreSQL's clock: it has departed.
        decision = decide(
          launch,
          decision.outcomes.map(({ booking }) => booking),
          false,
        );
      }
      const after = { ...launch, seatsSold: launch.seatsSold + decision.seatsTaken };
      for (const outcome of decision.outcomes) outcomes.push({ ...outcome, launch: after });
    }
    const bookings = outcomes.map(({ booking, reason, launch }) => ({
      booking: {
        ...booking,
        status: reason === null ? BookingStatus.CONFIRMED : BookingStatus.REJECTED,
        rejectionReason: reason,
      },
      launch,
    }));
    const confirmed = bookings
      .map(({ booking }) => booking)
      .filter((booking) => booking.status === BookingStatus.CONFIRMED);
    await repos.bookings.settle(
      confirmed.map((booking) => booking.id),
      { status: BookingStatus.CONFIRMED },
    );
    const rejected = new Map<string, string[]>();
    for (const { booking, reason } of outcomes) {
      if (reason !== null) rejected.set(reason, [...(rejected.get(reason) ?? []), booking.id]);
    }
    for (const [reason, ids] of rejected) {
      await repos.bookings.settle(ids, { status: BookingStatus.REJECTED, reason });
    }

    const spaceports = await repos.spaceports.findByIds([
      ...new Set([...launches.values()].map((launch) => launch.spaceportId)),
    ]);
    await repos.changes.recordAll(
      bookings.map(({ booking, launch }) => ({
        actor: Caller.customer(booking.customerUserId).auditActor,
        change: bookingChange({
          type:
            booking.status === BookingStatus.CONFIRMED
              ? OutboxEventType.BookingConfirmed
              : OutboxEventType.BookingRejected,
          after: booking,
          launch,
          spaceport: spaceportOf(spaceports, launch),
        }),
      })),
    );
    // Last: every booking's transaction waits for the invoice counter until this one commits.
    await this.invoicing.issueForBookings(
      repos,
      confirmed.map((booking) => ({ caller: Caller.customer(booking.customerUserId), booking })),
    );
    return { placed: byKey(bookings.map(({ booking }) => booking)), missing };
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
    await repos.changes.record(
      caller.auditActor,
      bookingChange({
        type: OutboxEventType.BookingCancelled,
        before: booking,
        after: cancelled,
        launch,
        spaceport,
      }),
    );
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
}

/** The audit row and outbox event of a booking's change, with its launch as it now is. */
function bookingChange(change: {
  type:
    | typeof OutboxEventType.BookingConfirmed
    | typeof OutboxEventType.BookingRejected
    | typeof OutboxEventType.BookingCancelled;
  before?: BookingRow;
  after: BookingRow;
  launch: LaunchRow;
  spaceport: SpaceportRow;
}): Change<OutboxEventType> {
  const booking = bookingSnapshot(change.after);
  return {
    event: change.type,
    entityType: 'booking',
    entityId: change.after.id,
    before: change.before && bookingSnapshot(change.before),
    after: booking,
    payload: { booking, launch: launchSnapshot(change.launch, change.spaceport) },
  };
}

function validRequest(request: PlacementRequest): ValidRequest {
  const { seats, bookingId } = request;
  if (!Number.isInteger(seats) || seats < MIN_SEATS || seats > MAX_SEATS) {
    throw new BadUserInputError(`A booking has ${MIN_SEATS} to ${MAX_SEATS} seats`, {
      field: 'seats',
    });
  }
  const key = request.idempotencyKey.trim();
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new BadUserInputError(
      `The idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      { field: 'idempotencyKey' },
    );
  }
  if (bookingId !== undefined && !isRowId(bookingId)) {
    throw new BadUserInputError('A booking id is a UUID', { field: 'bookingId' });
  }
  return {
    id: bookingId?.toLowerCase(),
    customerUserId: request.customerUserId,
    launchId: rowId(request.launchId, 'Launch'),
    seats,
    idempotencyKey: key,
  };
}

/** The request's answer: the booking its key names, or the conflict when it asked for other seats. */
function answer(booking: BookingRow, request: ValidRequest): Placement {
  try {
    return { booking: sameRequest(booking, request) };
  } catch (error) {
    if (error instanceof DomainError) return { refusal: error };
    throw error;
  }
}

function spaceportOf(spaceports: Map<string, SpaceportRow>, launch: LaunchRow): SpaceportRow {
  const spaceport = spaceports.get(launch.spaceportId);
  if (spaceport === undefined) throw new Error(`launch ${launch.id} has no spaceport`);
  return spaceport;
}

function keyOf(booking: { customerUserId: string; idempotencyKey: string }): string {
  return `${booking.customerUserId}\u0000${booking.idempotencyKey}`;
}

function byKey(bookings: readonly BookingRow[]): Map<string, BookingRow> {
  return new Map(bookings.map((booking) => [keyOf(booking), booking]));
}

/** What a launch's pending bookings come to: each confirmed (no reason) or rejected. */
interface Decision {
  outcomes: { booking: BookingRow; reason: string | null }[];
  seatsTaken: number;
}

/**
 * Each pending booking in turn, confirmed while seats are left (`open`: the
 * launch has not departed), else rejected with the reason at that point.
 */
function decide(launch: LaunchRow, pending: readonly BookingRow[], open: boolean): Decision {
  let seatsSold = launch.seatsSold;
  const outcomes = pending.map((booking) => {
    if (open && isOnSale(launch.status) && seatsSold + booking.seats <= launch.seatCapacity) {
      seatsSold += booking.seats;
      return { booking, reason: null };
    }
    return { booking, reason: rejectionReason({ ...launch, seatsSold }, booking.seats) };
  });
  return { outcomes, seatsTaken: seatsSold - launch.seatsSold };
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
