import { NotFoundError } from '@astrobookings/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a row id here (PostgreSQL refuses any other text for a uuid column). */
export function isRowId(id: string): boolean {
  return UUID.test(id);
}

/** `id` as a row id of `entity`; NOT_FOUND for text that cannot name one. */
export function rowId(id: string, entity: string): string {
  if (!isRowId(id)) throw new NotFoundError(entity);
  return id.toLowerCase();
}

/** Only the ids that can name rows, so a lookup by foreign text finds nothing instead of failing. */
export function rowIds(ids: readonly string[]): string[] {
  return ids.filter(isRowId);
}
