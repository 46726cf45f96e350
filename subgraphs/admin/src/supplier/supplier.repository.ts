import type { Prisma } from '@astrobookings/prisma';
import { byId, type Db } from '../common/db';

const supplierSelect = {
  id: true,
  userId: true,
  name: true,
  createdAt: true,
} satisfies Prisma.SupplierSelect;

export type SupplierRow = Prisma.SupplierGetPayload<{ select: typeof supplierSelect }>;

export class SupplierRepository {
  constructor(private readonly db: Db) {}

  create(data: { userId: string; name: string; createdBy: string }): Promise<SupplierRow> {
    return this.db.supplier.create({ data, select: supplierSelect });
  }

  async findIdByUserId(userId: string): Promise<string | null> {
    const row = await this.db.supplier.findUnique({ where: { userId }, select: { id: true } });
    return row?.id ?? null;
  }

  /** Which of a new supplier's unique values another supplier already has. */
  async findTakenIdentity(userId: string, name: string): Promise<'userId' | 'name' | null> {
    const taken = await this.db.supplier.findFirst({
      where: { OR: [{ userId }, { name }] },
      select: { userId: true },
    });
    if (taken === null) return null;
    return taken.userId === userId ? 'userId' : 'name';
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, SupplierRow>> {
    return byId(
      await this.db.supplier.findMany({ where: { id: { in: [...ids] } }, select: supplierSelect }),
    );
  }

  async findByUserIds(userIds: readonly string[]): Promise<Map<string, SupplierRow>> {
    const rows = await this.db.supplier.findMany({
      where: { userId: { in: [...userIds] } },
      select: supplierSelect,
    });
    return new Map(rows.map((row) => [row.userId, row]));
  }

  listByName(): Promise<SupplierRow[]> {
    return this.db.supplier.findMany({ select: supplierSelect, orderBy: { name: 'asc' } });
  }
}
