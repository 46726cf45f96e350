import mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import { connectPostgres } from '../../scripts/lib/postgres';

/**
 * A fingerprint of what the stores hold: each PostgreSQL table's and each
 * Mongo collection's row count and content hash. Two equal snapshots mean
 * nothing was written in between (but for what is excluded).
 */

export type StoreSnapshot = Record<string, { count: number; hash: string }>;

export interface SnapshotTargets {
  databaseUrl: string;
  mongoUrls: string[];
  /** Collections or tables whose content changes by itself (logs, metrics, …). */
  exclude?: readonly string[];
}

export async function snapshotStores(targets: SnapshotTargets): Promise<StoreSnapshot> {
  const exclude = new Set(targets.exclude ?? []);
  const snapshot: StoreSnapshot = {};
  const db = await connectPostgres(targets.databaseUrl);
  try {
    const tables = await db.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    );
    for (const { name } of tables.rows) {
      if (exclude.has(name)) continue;
      const quoted = `"${name.replace(/"/g, '""')}"`;
      const result = await db.query<{ count: string; hash: string | null }>(
        `SELECT count(*) AS count, md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM ${quoted} t`,
      );
      snapshot[`postgresql ${name}`] = {
        count: Number(result.rows[0].count),
        hash: result.rows[0].hash ?? '',
      };
    }
  } finally {
    await db.end();
  }
  for (const url of targets.mongoUrls) {
    const connection = await mongoose.createConnection(url, { maxPoolSize: 2 }).asPromise();
    try {
      const database = connection.db!;
      const collections = await database.listCollections({}, { nameOnly: true }).toArray();
      for (const { name } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
        if (exclude.has(name)) continue;
        const documents = await database.collection(name).find({}).toArray();
        const lines = documents.map((document) => JSON.stringify(document)).sort();
        snapshot[`${database.databaseName} ${name}`] = {
          count: documents.length,
          hash: createHash('sha256').update(lines.join('\n')).digest('hex'),
        };
      }
    } finally {
      await connection.close();
    }
  }
  return snapshot;
}

/** What differs between two snapshots, one line each. */
export function snapshotDifferences(before: StoreSnapshot, after: StoreSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const differences: string[] = [];
  for (const name of [...names].sort()) {
    const a = before[name];
    const b = after[name];
    if (a === undefined) differences.push(`${name}: created with ${b.count} rows`);
    else if (b === undefined) differences.push(`${name}: gone (had ${a.count} rows)`);
    else if (a.count !== b.count) differences.push(`${name}: ${a.count} → ${b.count} rows`);
    else if (a.hash !== b.hash) differences.push(`${name}: same ${a.count} rows, content changed`);
  }
  return differences;
}
