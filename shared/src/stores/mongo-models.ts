import type { Connection, Model, Schema } from 'mongoose';

/**
 * The connection's model for a schema, created once: several parts of one
 * process (e.g. a repository and the log shipper) may ask for the same collection.
 */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

/** MongoDB's (and FerretDB's) code for an insert refused by a unique index. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}
