import { LaunchStatus, type Prisma } from '@astrobookings/prisma';
import { byId, type Db } from '../common/db';

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
   * The launch locked, as `lockById`, and whether any of its waitlist holds
   * (whose seats its holder's booking frees as it is recorded, see the
   * waitlist migration). Holds change only under this lock, so the answer
   * stands until the transaction ends.
   */
  async lockForBooking(id: string): Promise<{ launch: LaunchRow; holding: boolean } | null> {
    const [row] = await this.db.$queryRaw<{ holding: boolean }[]>`
      SELECT EXISTS (
               SELECT 1 FROM waitlist_entries
                WHERE launch_id = ${id}::uuid AND status = 'HOLDING'::"WaitlistStatus"
             ) AS holding
        FROM launches WHERE id = ${id}::uuid FOR UPDATE`;
    if (row === undefined) return null;
    const launch = await this.findById(id);
    return launch === null ? null : { launch, holding: row.holding };
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
   * Takes `seats` seats in one statement, only while the launch is on sale, still
   * ahead and has them: seats sold never pass capacity, whatever runs concurrently
   * (the row lock of the UPDATE orders competing bookings; each re-checks the row).
   */
  async takeSeats(id: string, seats: number): Promise<boolean> {
    const taken = await this.db.$executeRaw`
      UPDATE launches
         SET seats_sold = seats_sold + ${seats}, updated_at = now()
       WHERE id = ${id}::uuid
         AND status IN (${LaunchStatus.SCHEDULED}::"LaunchStatus", ${LaunchStatus.DELAYED}::"LaunchStatus")
         AND scheduled_at > now()
         AND seats_sold + ${seats} <= seat_capacity`;
    return taken === 1;
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
