import { BookingStatus, type Prisma } from '@astrobookings/prisma';
import { byId, returning, type Db } from '../common/db';

const bookingSelect = {
  id: true,
  launchId: true,
  customerUserId: true,
  idempotencyKey: true,
  seats: true,
  pricePerSeat: true,
  totalPrice: true,
  currency: true,
  status: true,
  rejectionReason: true,
  refundPercent: true,
  refundAmount: true,
  cancellationReason: true,
  cancelledBy: true,
  cancelledAt: true,
  createdAt: true,
} satisfies Prisma.BookingSelect;

/** The same fields, for raw SQL. */
const bookingColumns = returning(bookingSelect);

export type BookingRow = Prisma.BookingGetPayload<{ select: typeof bookingSelect }>;

export interface NewBooking {
  /** Given by the customer store; PostgreSQL makes one when absent. */
  id?: string;
  launchId: string;
  customerUserId: string;
  idempotencyKey: string;
  seats: number;
  pricePerSeat: number;
  currency: string;
}

export interface Cancellation {
  refundPercent: number;
  refundAmount: number;
  reason: string;
  cancelledBy: string | null;
  cancelledAt: Date;
}

/**
 * What employees narrow bookings by; each criterion given must hold. Every one is
 * served by an index: bookings by id, launch, customer, status, and launches by
 * their mission's trigrams.
 */
export interface BookingFilter {
  /** Matches the booking id or the launch id (a uuid). */
  anyId?: string;
  /** Part of the mission's name, in any case. */
  missionPart?: string;
  status?: BookingStatus;
  launchId?: string;
  customerUserId?: string;
}

function filterWhere(filter: BookingFilter): Prisma.BookingWhereInput {
  return {
    status: filter.status,
    launchId: filter.launchId,
    customerUserId: filter.customerUserId,
    ...(filter.anyId !== undefined && { OR: [{ id: filter.anyId }, { launchId: filter.anyId }] }),
    ...(filter.missionPart !== undefined && {
      launch: { mission: { contains: filter.missionPart, mode: 'insensitive' } },
    }),
  };
}

export class BookingRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<BookingRow | null> {
    return this.db.booking.findUnique({ where: { id }, select: bookingSelect });
  }

  /** The booking, locked until the transaction ends. */
  async lockById(id: string): Promise<BookingRow | null> {
    await this.db.$queryRaw`SELECT id FROM bookings WHERE id = ${id}::uuid FOR UPDATE`;
    return this.findById(id);
  }

  findByIdempotencyKey(customerUserId: string, idempotencyKey: string): Promise<BookingRow | null> {
    return this.db.booking.findUnique({
      where: { customerUserId_idempotencyKey: { customerUserId, idempotencyKey } },
      select: bookingSelect,
    });
  }

  /** The bookings named by customer and idempotency key. */
  findByIdempotencyKeys(
    keys: readonly { customerUserId: string; idempotencyKey: string }[],
  ): Promise<BookingRow[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.db.booking.findMany({
      where: {
        OR: keys.map(({ customerUserId, idempotencyKey }) => ({ customerUserId, idempotencyKey })),
      },
      select: bookingSelect,
    });
  }

  /**
   * Records PENDING bookings, leaving out each whose customer already has one
   * with its idempotency key (a concurrent insert of the same key waits for the
   * first to commit, then leaves it out); answers those recorded.
   */
  insertPending(data: readonly NewBooking[]): Promise<BookingRow[]> {
    if (data.length === 0) return Promise.resolve([]);
    // Raw SQL of a fixed shape: Prisma 7 compiles every createManyAndReturn afresh.
    return this.db.$queryRaw<BookingRow[]>`
      INSERT INTO bookings (id, launch_id, customer_user_id, idempotency_key, seats, price_per_seat,
                            total_price, currency, updated_at)
      SELECT coalesce(b.id, gen_random_uuid()), b.launch_id, b.customer_user_id, b.idempotency_key,
             b.seats, b.price_per_seat, b.seats * b.price_per_seat, b.currency, now()
        FROM unnest(
               ${data.map((booking) => booking.id ?? null)}::uuid[],
               ${data.map((booking) => booking.launchId)}::uuid[],
               ${data.map((booking) => booking.customerUserId)}::text[],
               ${data.map((booking) => booking.idempotencyKey)}::text[],
               ${data.map((booking) => booking.seats)}::int[],
               ${data.map((booking) => booking.pricePerSeat)}::int[],
               ${data.map((booking) => booking.currency)}::text[]
             ) WITH ORDINALITY
             AS b(id, launch_id, customer_user_id, idempotency_key, seats, price_per_seat, currency, n)
       ORDER BY b.n
      ON CONFLICT DO NOTHING
      RETURNING ${bookingColumns}`;
  }

  /** Those of the bookings that used their customer's waitlist hold as they were recorded. */
  async usedHolds(ids: readonly string[]): Promise<Set<string>> {
    const entries = await this.db.waitlistEntry.findMany({
      where: { bookingId: { in: [...ids] } },
      select: { bookingId: true },
    });
    return new Set(entries.map((entry) => entry.bookingId ?? ''));
  }

  async settle(
    ids: readonly string[],
    outcome:
      | { status: typeof BookingStatus.CONFIRMED }
      | { status: typeof BookingStatus.REJECTED; reason: string },
  ): Promise<void> {
    if (ids.length === 0) return;
    await this.db.booking.updateMany({
      where: { id: { in: [...ids] } },
      data: {
        status: outcome.status,
        rejectionReason: outcome.status === BookingStatus.REJECTED ? outcome.reason : null,
      },
    });
  }

  markCancelled(id: string, cancellation: Cancellation): Promise<BookingRow> {
    return this.db.booking.update({
      where: { id },
      data: {
        status: BookingStatus.CANCELLED,
        refundPercent: cancellation.refundPercent,
        refundAmount: cancellation.refundAmount,
        cancellationReason: cancellation.reason,
        cancelledBy: cancellation.cancelledBy,
        cancelledAt: cancellation.cancelledAt,
      },
      select: bookingSelect,
    });
  }

  listConfirmedOfLaunch(launchId: string): Promise<BookingRow[]> {
    return this.db.booking.findMany({
      where: { launchId, status: BookingStatus.CONFIRMED },
      select: bookingSelect,
      orderBy: { createdAt: 'asc' },
    });
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, BookingRow>> {
    return byId(
      await this.db.booking.findMany({ where: { id: { in: [...ids] } }, select: bookingSelect }),
    );
  }

  /** Every booking of each launch, oldest first. */
  async listByLaunchIds(launchIds: readonly string[]): Promise<Map<string, BookingRow[]>> {
    const rows = await this.db.booking.findMany({
      where: { launchId: { in: [...launchIds] } },
      select: bookingSelect,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const grouped = new Map<string, BookingRow[]>(launchIds.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.launchId)?.push(row);
    return grouped;
  }

  /** A page of the bookings that match, newest first, after the keyset `after`. */
  page(
    filter: BookingFilter,
    size: number,
    after: { createdAt: Date; id: string } | undefined,
  ): Promise<BookingRow[]> {
    const keyset: Prisma.BookingWhereInput | undefined = after && {
      OR: [
        { createdAt: { lt: after.createdAt } },
        { createdAt: after.createdAt, id: { lt: after.id } },
      ],
    };
    return this.db.booking.findMany({
      where: { AND: [filterWhere(filter), keyset ?? {}] },
      select: bookingSelect,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: size + 1,
    });
  }

  count(filter: BookingFilter): Promise<number> {
    return this.db.booking.count({ where: filterWhere(filter) });
  }

  /** What the CONFIRMED bookings of a launch paid in total. */
  async confirmedRevenue(launchId: string): Promise<number> {
    const sum = await this.db.booking.aggregate({
      where: { launchId, status: BookingStatus.CONFIRMED },
      _sum: { totalPrice: true },
    });
    return sum._sum.totalPrice ?? 0;
  }
}
