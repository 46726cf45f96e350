import type { Prisma } from '@astrobookings/prisma';
import { byId, type Db } from '../common/db';

const rocketSelect = {
  id: true,
  supplierId: true,
  name: true,
  capacity: true,
  createdAt: true,
} satisfies Prisma.RocketSelect;

export type RocketRow = Prisma.RocketGetPayload<{ select: typeof rocketSelect }>;

export class RocketRepository {
  constructor(private readonly db: Db) {}

  create(data: { supplierId: string; name: string; capacity: number }): Promise<RocketRow> {
    return this.db.rocket.create({ data, select: rocketSelect });
  }

  findById(id: string): Promise<RocketRow | null> {
    return this.db.rocket.findUnique({ where: { id }, select: rocketSelect });
  }

  update(id: string, data: { name?: string; capacity?: number }): Promise<RocketRow> {
    return this.db.rocket.update({ where: { id }, data, select: rocketSelect });
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, RocketRow>> {
    return byId(
      await this.db.rocket.findMany({ where: { id: { in: [...ids] } }, select: rocketSelect }),
    );
  }

  listBySupplier(supplierId: string): Promise<RocketRow[]> {
    return this.db.rocket.findMany({
      where: { supplierId },
      select: rocketSelect,
      orderBy: { name: 'asc' },
    });
  }
}
