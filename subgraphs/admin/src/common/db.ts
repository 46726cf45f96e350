import { Prisma } from '@astrobookings/prisma';

/** The Prisma client, or the one of an open transaction: repositories work with either. */
export type Db = Prisma.TransactionClient;

/** Rows of `rows` by their id, for DataLoaders. */
export function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * A RETURNING (or SELECT) list for raw SQL that answers the fields of a Prisma
 * `select`, named as Prisma names them: each field's column is its name in
 * snake case (the schema maps every field so).
 */
export function returning(select: Record<string, boolean>): Prisma.Sql {
  return Prisma.raw(
    Object.keys(select)
      .map((field) => `${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} AS "${field}"`)
      .join(', '),
  );
}
