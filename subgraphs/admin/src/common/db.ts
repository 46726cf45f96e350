import type { Prisma } from '@astrobookings/prisma';

/** The Prisma client, or the one of an open transaction: repositories work with either. */
export type Db = Prisma.TransactionClient;

/** Rows of `rows` by their id, for DataLoaders. */
export function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}
