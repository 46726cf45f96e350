import { readConfig } from '@astrobookings/shared';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectPostgres, dropDatabase, parsePostgresUrl, withDatabase } from './lib/postgres';
import { migrate } from './migrate';

const serverUrl = readConfig('migrate-test', ['database']).database.url;
const database = `astrobookings_test_migrate_${process.pid}`;
const url = withDatabase(serverUrl, database);
const quiet = { log: () => undefined };

let migrationsDir: string;

function writeMigration(name: string, sql: string): string {
  fs.mkdirSync(path.join(migrationsDir, name), { recursive: true });
  const file = path.join(migrationsDir, name, 'migration.sql');
  fs.writeFileSync(file, sql);
  return file;
}

async function query<T extends object>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = await connectPostgres(url);
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

interface HistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const history = (): Promise<HistoryRow[]> =>
  query<HistoryRow>('SELECT * FROM _prisma_migrations ORDER BY migration_name');

const FIRST = '20260101000000_rockets';
const SECOND = '20260102000000_rocket_seats';

beforeEach(async () => {
  migrationsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'astro-migrations-'));
  fs.writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  writeMigration(FIRST, 'CREATE TABLE rocket (id serial PRIMARY KEY, name text NOT NULL);\n');
  writeMigration(SECOND, 'ALTER TABLE rocket ADD COLUMN seats integer NOT NULL DEFAULT 0;\n');
  await dropDatabase(serverUrl, database);
});

afterEach(() => {
  fs.rmSync(migrationsDir, { recursive: true, force: true });
});

afterAll(async () => {
  await dropDatabase(serverUrl, database);
});

it('creates the database, applies migrations in name order and records them as Prisma does', async () => {
  const lines: string[] = [];
  const result = await migrate(url, { migrationsDir, log: (line) => lines.push(line) });

  expect(result).toEqual({ database, createdDatabase: true, applied: [FIRST, SECOND] });
  expect(lines).toContain(
    `migrate: created database "${database}" at ${parsePostgresUrl(url).address}`,
  );
  await query("INSERT INTO rocket (name, seats) VALUES ('Falcon', 4)");

  const rows = await history();
  expect(rows.map((row) => row.migration_name)).toEqual([FIRST, SECOND]);
  for (const row of rows) {
    const script = fs.readFileSync(path.join(migrationsDir, row.migration_name, 'migration.sql'));
    expect(row).toMatchObject({
      checksum: createHash('sha256').update(script).digest('hex'),
      rolled_back_at: null,
      logs: null,
      applied_steps_count: 1,
    });
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
  }
});

it('creates the history table with the columns of Prisma’s own DDL', async () => {
  await migrate(url, { migrationsDir, ...quiet });
  const columns = await query(
    `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
  );
  const column = (name: string, type: string, length: number | null, nullable: boolean) => ({
    column_name: name,
    data_type: type,
    length,
    is_nullable: nullable ? 'YES' : 'NO',
  });
  expect(columns).toEqual([
    { ...column('id', 'character varying', 36, false), column_default: null },
    { ...column('checksum', 'character varying', 64, false), column_default: null },
    { ...column('finished_at', 'timestamp with time zone', null, true), column_default: null },
    { ...column('migration_name', 'character varying', 255, false), column_default: null },
    { ...column('logs', 'text', null, true), column_default: null },
    { ...column('rolled_back_at', 'timestamp with time zone', null, true), column_default: null },
    { ...column('started_at', 'timestamp with time zone', null, false), column_default: 'now()' },
    { ...column('applied_steps_count', 'integer', null, false), column_default: '0' },
  ]);
  const [primaryKey] = await query<{ column_name: string }>(
    `SELECT a.attname AS column_name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = '_prisma_migrations'::regclass AND i.indisprimary`,
  );
  expect(primaryKey).toEqual({ column_name: 'id' });
});

it('applies nothing on a second run, and only new migrations later', async () => {
  await migrate(url, { migrationsDir, ...quiet });
  const lines: string[] = [];
  expect(await migrate(url, { migrationsDir, log: (line) => lines.push(line) })).toEqual({
    database,
    createdDatabase: false,
    applied: [],
  });
  expect(lines).toEqual([`migrate: database "${database}" is up to date (2 migrations)`]);

  writeMigration('20260103000000_launches', 'CREATE TABLE launch (id serial PRIMARY KEY);');
  expect((await migrate(url, { migrationsDir, ...quiet })).applied).toEqual([
    '20260103000000_launches',
  ]);
  expect(await history()).toHaveLength(3);
});

it('refuses to run when an applied migration was edited, but not for line endings only', async () => {
  await migrate(url, { migrationsDir, ...quiet });
  const file = path.join(migrationsDir, FIRST, 'migration.sql');
  const original = fs.readFileSync(file, 'utf8');

  fs.writeFileSync(file, original.replace(/\n/g, '\r\n'));
  await expect(migrate(url, { migrationsDir, ...quiet })).resolves.toMatchObject({ applied: [] });

  fs.writeFileSync(file, original.replace('name text', 'title text'));
  await expect(migrate(url, { migrationsDir, ...quiet })).rejects.toThrow(
    `migration ${FIRST} was modified after it was applied`,
  );
});

it('rolls back a failing migration, records the failure and refuses to go on until it is resolved', async () => {
  const file = writeMigration(
    '20260103000000_broken',
    'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n',
  );
  await expect(migrate(url, { migrationsDir, ...quiet })).rejects.toThrow(
    /migration 20260103000000_broken failed and was rolled back: .*no_such_function/,
  );
  expect(await query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
  const broken = (await history()).find((row) => row.migration_name === '20260103000000_broken');
  expect(broken).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
  expect(broken?.logs).toContain('no_such_function');

  fs.writeFileSync(file, 'CREATE TABLE half_done (id int);\n');
  await expect(migrate(url, { migrationsDir, ...quiet })).rejects.toThrow(
    'migration 20260103000000_broken failed earlier',
  );

  // What `prisma migrate resolve --rolled-back` does.
  await query(
    "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '20260103000000_broken'",
  );
  expect((await migrate(url, { migrationsDir, ...quiet })).applied).toEqual([
    '20260103000000_broken',
  ]);
});

it('applies each migration once when several runs race on an empty server', async () => {
  // Not idempotent, and slow enough that the runs overlap.
  writeMigration('20260103000000_slow', 'CREATE TABLE slow (id int);\nSELECT pg_sleep(0.5);\n');
  const results = await Promise.all([1, 2, 3].map(() => migrate(url, { migrationsDir, ...quiet })));

  expect(results.flatMap((result) => result.applied).sort()).toEqual([
    FIRST,
    SECOND,
    '20260103000000_slow',
  ]);
  expect(results.filter((result) => result.createdDatabase)).toHaveLength(1);
  expect(await history()).toHaveLength(3);
});

it('waits for the advisory lock `prisma migrate` takes', async () => {
  await migrate(url, { migrationsDir, ...quiet });
  const holder = await connectPostgres(url);
  try {
    await holder.query('SELECT pg_advisory_lock(72707369)');
    await expect(migrate(url, { migrationsDir, lockTimeoutMs: 500, ...quiet })).rejects.toThrow(
      `another migration run has held the lock on "${database}"`,
    );
  } finally {
    await holder.end();
  }
});
