import type { Prisma } from '@astrobookings/prisma';
import { byId, type Db } from '../common/db';

const spaceportSelect = {
  id: true,
  name: true,
  location: true,
  createdAt: true,
} satisfies Prisma.SpaceportSelect;

export type SpaceportRow = Prisma.SpaceportGetPayload<{ select: typeof spaceportSelect }>;

export class SpaceportRepository {
  constructor(private readonly db: Db) {}

  create(data: { name: string; location: string }): Promise<SpaceportRow> {
    return this.db.spaceport.create({ data, select: spaceportSelect });
  }

  findById(id: string): Promise<SpaceportRow | null> {
    return this.db.spaceport.findUnique({ where: { id }, select: spaceportSelect });
  }

  /** The spaceport of a launch (which its foreign key guarantees). */
  async findOfLaunch(launch: { id: string; spaceportId: string }): Promise<SpaceportRow> {
    const spaceport = await this.findById(launch.spaceportId);
    if (spaceport === null) throw new Error(`launch ${launch.id} has no spaceport`);
    return spaceport;
  }

  update(id: string, data: { name?: string; location?: string }): Promise<SpaceportRow> {
    return this.db.spaceport.update({ where: { id }, data, select: spaceportSelect });
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, SpaceportRow>> {
    return byId(
      await this.db.spaceport.findMany({
        where: { id: { in: [...ids] } },
        select: spaceportSelect,
      }),
    );
  }

  listByName(): Promise<SpaceportRow[]> {
    return this.db.spaceport.findMany({ select: spaceportSelect, orderBy: { name: 'asc' } });
  }
}
