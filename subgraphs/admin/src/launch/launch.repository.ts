import { LaunchStatus, type Prisma } from '@astrobookings/prisma';
import { byId, returning, type Db } from '../common/db';

const launchSelect = {
  id: true,
  supplierId: true,
  rocketId: true,
  spaceportId: true,
  mission: true,
  destination: true,
  scheduledAt: true,
  status: true,
  statusReason: true,
  pricePerSeat: true,
  currency: true,
  seatCapacity: true,
  seatsSold: true,
  createdAt: true,
} satisfies Prisma.LaunchSelect;

/** The same fields, for raw SQL. */
const launchColumns = returning(launchSelect);

export type LaunchRow = Prisma.LaunchGetPayload<{ select: typeof launchSelect }>;

export interface NewLaunch {
  supplierId: string;
  rocketId: string;
  spaceportId: string;
  mission: string;
  destination: string;
  scheduledAt: Date;
  pricePerSeat: number;
  currency: string;
  seatCapacity: number;
}

export class LaunchRepository {
  constructor(private readonly db: Db) {}

  create(data: NewLaunch): Promise<LaunchRow> {
    return this.db.launch.create({ data, select: launchSelect });
  }

  findById(id: string): Promise<LaunchRow | null> {
    return this.db.launch.findUnique({ where: { id }, select: launchSelect });
  }

  /**
   * The launch, locked until the transaction ends: its status changes, and the
   * cancellations of its bookings, run one at a time.
   */
  async lockById(id: string): Promise<LaunchRow | null> {
    await this.db.$queryRaw`SELECT id FROM launches WHERE id = ${id}::uuid FOR UPDATE`;
    return this.findById(id);
  }

  /**
   * The launches that exist, locked (in id order, so two callers never wait for
   * each other), each with whether any of its waitlist entries holds seats
   * (which its holder's booking frees as it is recorded, see the waitlist
   * migration). Holds change only under the launch's lock, so the answer stands
   * until the transaction ends.
   */
  async lockForBooking(
    ids: readonly string[],
  ): Promise<Map<string, { launch: LaunchRow; holding: boolean }>> {
    const rows = await this.db.$queryRaw<(LaunchRow & { holding: boolean })[]>`
      SELECT ${launchColumns},
             EXISTS (
               SELECT 1 FROM waitlist_entries w
                WHERE w.launch_id = l.id AND w.status = 'HOLDING'::"WaitlistStatus"
             ) AS holding
        FROM launches l
       WHERE l.id = ANY(${[...ids]}::uuid[])
       ORDER BY l.id
         FOR UPDATE OF l`;
    return new Map(rows.map(({ holding, ...launch }) => [launch.id, { launch, holding }]));
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, LaunchRow>> {
    return byId(
      await this.db.launch.findMany({ where: { id: { in: [...ids] } }, select: launchSelect }),
    );
  }

  listBySupplier(supplierId: string): Promise<LaunchRow[]> {
    return this.db.launch.findMany({
      where: { supplierId },
      select: launchSelect,
      orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** A page of launches by departure time (then id), after the keyset `after`. */
  page(
    filter: { status?: LaunchStatus },
    size: number,
    after: { scheduledAt: Date; id: string } | undefined,
  ): Promise<LaunchRow[]> {
    return this.db.launch.findMany({
      where: {
        ...filter,
        ...(after && {
          OR: [
            { scheduledAt: { gt: after.scheduledAt } },
            { scheduledAt: after.scheduledAt, id: { gt: after.id } },
          ],
        }),
      },
      select: launchSelect,
      orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
      take: size + 1,
    });
  }

  count(filter: { status?: LaunchStatus }): Promise<number> {
    return this.db.launch.count({ where: filter });
  }

  /**
   * Takes seats of several launches in one statement, each only while it is on
   * sale, still ahead and has them: seats sold never pass capacity, whatever runs
   * concurrently (the row lock of the UPDATE orders competing bookings; each
   * re-checks the row). Answers the launches whose seats were taken.
   */
  async takeSeats(seats: ReadonlyMap<string, number>): Promise<Set<string>> {
    if (seats.size === 0) return new Set();
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      UPDATE launches l
         SET seats_sold = l.seats_sold + taken.seats, updated_at = now()
        FROM unnest(${[...seats.keys()]}::uuid[], ${[...seats.values()]}::int[]) AS taken(id, seats)
       WHERE l.id = taken.id
         AND l.status IN (${LaunchStatus.SCHEDULED}::"LaunchStatus", ${LaunchStatus.DELAYED}::"LaunchStatus")
         AND l.scheduled_at > now()
         AND l.seats_sold + taken.seats <= l.seat_capacity
      RETURNING l.id::text AS id`;
    return new Set(rows.map((row) => row.id));
  }

  releaseSeats(id: string, seats: number): Promise<LaunchRow> {
    return this.db.launch.update({
      where: { id },
      data: { seatsSold: { decrement: seats } },
      select: launchSelect,
    });
  }

  update(
    id: string,
    data: { status?: LaunchStatus; statusReason?: string | null; scheduledAt?: Date },
  ): Promise<LaunchRow> {
    return this.db.launch.update({ where: { id }, data, select: launchSelect });
  }
}
