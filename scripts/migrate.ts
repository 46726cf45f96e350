import { loadConfig } from '@astrobookings/shared';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { printLine, runCli, ScriptError, type LineWriter } from './lib/cli';
import { repoRoot } from './lib/paths';
import { connectPostgres, ensureDatabase, parsePostgresUrl, quoteIdentifier } from './lib/postgres';
import { sleep } from './lib/probes';

/**
 * The project's migrate step: applies prisma/migrations/<name>/migration.sql
 * in name order and keeps the `_prisma_migrations` table exactly as
 * `prisma migrate deploy` does, so either tool can take over from the other.
 * (Prisma's CLI cannot fetch its schema engine on every machine; this needs only `pg`.)
 */

/** The key Prisma's schema engine locks, so this step and `prisma migrate` exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

/** Prisma's own DDL for its history table (schema engine, PostgreSQL flavour). */
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export const DEFAULT_MIGRATIONS_DIR = path.join(repoRoot, 'prisma', 'migrations');

export interface MigrateOptions {
  migrationsDir?: string;
  log?: LineWriter;
  /** How long to wait for another migrate run holding the lock. */
  lockTimeoutMs?: number;
}

export interface MigrateResult {
  database: string;
  createdDatabase: boolean;
  /** Names of the migrations this run applied, in order. */
  applied: string[];
}

interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export function checksumOf(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/** As Prisma: a checkout that changed only line endings (git on Windows) still matches. */
function matchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replace(/\r\n/g, '\n'), script.replace(/\n/g, '\r\n')].some(
    (variant) => checksumOf(variant) === checksum,
  );
}

function readMigrations(dir: string): LocalMigration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      if (!fs.existsSync(file)) {
        throw new ScriptError(`migration ${name} has no migration.sql (${file})`);
      }
      const script = fs.readFileSync(file, 'utf8');
      return { name, script, checksum: checksumOf(script) };
    });
}

export async function migrate(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const log = options.log ?? printLine;
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const target = parsePostgresUrl(databaseUrl);
  const migrations = readMigrations(migrationsDir);

  const createdDatabase = await ensureDatabase(databaseUrl);
  if (createdDatabase) log(`migrate: created database "${target.database}" at ${target.address}`);

  const client = await connectPostgres(target.connectionString);
  try {
    if (target.schema !== 'public') {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(target.schema)}`);
      await client.query(`SET search_path TO ${quoteIdentifier(target.schema)}`);
    }
    await acquireLock(client, options.lockTimeoutMs ?? 60_000, target.database);
    try {
      await client.query(MIGRATIONS_TABLE_DDL);
      const history = await readHistory(client);
      checkHistory(history, migrations);
      const applied = new Set(
        history
          .filter((row) => row.finished_at !== null && row.rolled_back_at === null)
          .map((row) => row.migration_name),
      );
      const pending = migrations.filter((migration) => !applied.has(migration.name));
      for (const migration of pending) {
        await applyMigration(client, migration);
        log(`migrate: applied ${migration.name}`);
      }
      log(
        pending.length === 0
          ? `migrate: database "${target.database}" is up to date (${migrations.length} migrations)`
          : `migrate: database "${target.database}": ${pending.length} of ${migrations.length} migrations applied now`,
      );
      return {
        database: target.database,
        createdDatabase,
        applied: pending.map((migration) => migration.name),
      };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}

/** Polls rather than blocks, so a stuck holder turns into a clear error instead of a hang. */
async function acquireLock(client: pg.Client, timeoutMs: number, database: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [PRISMA_ADVISORY_LOCK],
    );
    if (rows[0]?.locked === true) return;
    if (Date.now() >= deadline) {
      throw new ScriptError(
        `another migration run has held the lock on "${database}" for over ${Math.round(timeoutMs / 1000)} s`,
      );
    }
    await sleep(200);
  }
}

async function readHistory(client: pg.Client): Promise<HistoryRow[]> {
  const { rows } = await client.query<HistoryRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
       FROM _prisma_migrations ORDER BY started_at`,
  );
  return rows;
}

/** Refuses, as Prisma does, to go on over a failed migration or an applied one that was edited. */
function checkHistory(history: HistoryRow[], migrations: LocalMigration[]): void {
  const failed = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed !== undefined) {
    throw new ScriptError(
      `migration ${failed.migration_name} failed earlier and was rolled back` +
        `${failed.logs ? ` (${failed.logs.split('\n')[0]})` : ''}. Fix it, then mark it resolved with ` +
        `\`npx prisma migrate resolve --rolled-back ${failed.migration_name}\` or ` +
        `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}'`,
    );
  }
  const local = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of history) {
    if (row.finished_at === null || row.rolled_back_at !== null) continue;
    const migration = local.get(row.migration_name);
    if (migration !== undefined && !matchesChecksum(migration.script, row.checksum)) {
      throw new ScriptError(
        `migration ${row.migration_name} was modified after it was applied ` +
          `(checksum ${row.checksum} in the database, ${migration.checksum} on disk). ` +
          'Restore the applied file and put the change in a new migration',
      );
    }
  }
}

/**
 * Records the start before applying, like Prisma, so a failure stays visible in
 * the history; unlike Prisma, the script runs in a transaction, so a failed
 * migration leaves no half-applied schema behind.
 */
async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await client.query('BEGIN');
    await client.query(migration.script);
    await client.query(
      `UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = applied_steps_count + 1
        WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const message = error instanceof Error ? error.message : String(error);
    await client.query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [id, message]);
    throw new ScriptError(`migration ${migration.name} failed and was rolled back: ${message}`);
  }
}

if (require.main === module) {
  runCli('migrate', async () => {
    const config = loadConfig('migrate', ['database']);
    await migrate(config.database.url);
  });
}
