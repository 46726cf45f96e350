import mongoose, { type Connection } from 'mongoose';
import type { DependencyCheck } from '../http/health';
import { MonitorWatchdog } from './mongo-monitor-watchdog';

/**
 * A mongoose connection to one of the project's MongoDB stores. Only what both
 * MongoDB and FerretDB v1 support is used: no transactions, change streams,
 * $lookup, TTL, text or partial indexes.
 */
export async function connectMongo(url: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: 5_000,
    maxPoolSize: 20,
    autoIndex: true,
  });
  MonitorWatchdog.watch(connection);
  return connection.asPromise();
}

export function mongoCheck(name: string, connection: Connection): DependencyCheck {
  return {
    name,
    check: async () => {
      const db = connection.db;
      if (db === undefined) throw new Error('not connected');
      await db.command({ ping: 1 });
    },
  };
}
