import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../scripts/migrate';
import { dropTestDatabase, testDatabaseUrl } from '../../test/support/admin-kit';

/**
 * The migrations against real PostgreSQL: they build an empty database, Prisma's
 * own differ finds nothing between that database and schema.prisma, and the
 * constraints the schema language cannot express hold.
 */

const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');
const SCHEMA_DIFF = path.resolve(__dirname, '..', 'dist', 'schema-diff.js');

interface Drift {
  exitCode: number;
  script: string;
}

/** Prisma's differ from the database to schema.prisma (run in Node: it loads ES modules and wasm). */
function drift(databaseUrl: string): Promise<Drift> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SCHEMA_DIFF, 'drift', databaseUrl],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        if (exitCode !== 0 && exitCode !== 2) {
          reject(new Error(`schema-diff failed (${exitCode}): ${stderr}`));
          return;
        }
        resolve({ exitCode, script: stdout.trim() });
      },
    );
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const migrationNames = fs
  .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('prisma migrations', () => {
  const databases: string[] = [];

  async function migratedDatabase(): Promise<string> {
    const url = testDatabaseUrl('astrobookings_prisma_test');
    databases.push(url);
    await migrate(url, { log: () => undefined });
    return url;
  }

  afterAll(async () => {
    await Promise.all(databases.map((url) => dropTestDatabase(url)));
  });

  it('build an empty database and are recorded as Prisma records them', async () => {
    const url = testDatabaseUrl('astrobookings_prisma_test');
    databases.push(url);

    const first = await migrate(url, { log: () => undefined });
    const again = await migrate(url, { log: () => undefined });

    expect(first).toMatchObject({ createdDatabase: true, applied: migrationNames });
    expect(again.applied).toEqual([]);
    const history = await withClient(url, async (client) => {
      const { rows } = await client.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
      }>(
        'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      return rows;
    });
    expect(history).toEqual(
      migrationNames.map((name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(fs.readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql')))
          .digest('hex'),
        finished_at: expect.any(Date) as unknown,
      })),
    );
  });

  it("leave the database exactly as schema.prisma declares it (Prisma's own differ)", async () => {
    const url = await migratedDatabase();
    expect(await drift(url)).toEqual({ exitCode: 0, script: '' });
  });

  it('would report a database that differs from schema.prisma', async () => {
    const url = await migratedDatabase();
    await withClient(url, async (client) => {
      await client.query('DROP INDEX "launches_rocket_id_idx"');
      await client.query('ALTER TABLE "bookings" ALTER COLUMN "seats" DROP NOT NULL');
      await client.query('ALTER TABLE "invoices" DROP COLUMN "void_reason"');
      await client.query(`ALTER TYPE "InvoiceStatus" ADD VALUE 'REFUNDED'`);
      await client.query('ALTER TABLE "suppliers" ALTER COLUMN "name" TYPE VARCHAR(10)');
    });

    const { exitCode, script } = await drift(url);

    expect(exitCode).toBe(2);
    expect(script).toContain('CREATE INDEX "launches_rocket_id_idx"');
    expect(script).toContain('ALTER COLUMN "seats" SET NOT NULL');
    expect(script).toContain('ADD COLUMN     "void_reason" TEXT');
    expect(script).toContain(`CREATE TYPE "InvoiceStatus_new" AS ENUM ('ISSUED', 'PAID', 'VOID')`);
    expect(script).toMatch(/ALTER COLUMN "name" SET DATA TYPE TEXT/);
  });

  describe('constraints the schema language cannot express', () => {
    let url: string;
    let ids: Record<'supplier' | 'otherSupplier' | 'rocket' | 'spaceport' | 'launch', string>;

    beforeAll(async () => {
      url = await migratedDatabase();
      ids = await withClient(url, async (client) => {
        const one = async (sql: string, values: unknown[] = []) =>
          (await client.query<{ id: string }>(sql, values)).rows[0].id;
        const supplier = await one(
          `INSERT INTO suppliers (user_id, name, created_by, updated_at) VALUES ('u1', 'S', 'e1', now()) RETURNING id`,
        );
        const otherSupplier = await one(
          `INSERT INTO suppliers (user_id, name, created_by, updated_at) VALUES ('u2', 'O', 'e1', now()) RETURNING id`,
        );
        const rocket = await one(
          `INSERT INTO rockets (supplier_id, name, capacity, updated_at) VALUES ($1, 'R', 4, now()) RETURNING id`,
          [supplier],
        );
        const spaceport = await one(
          `INSERT INTO spaceports (name, location, updated_at) VALUES ('P', 'L', now()) RETURNING id`,
        );
        const launch = await one(
          `INSERT INTO launches (supplier_id, rocket_id, spaceport_id, mission, destination, scheduled_at,
             price_per_seat, currency, seat_capacity, updated_at)
           VALUES ($1, $2, $3, 'M', 'D', now() + interval '30 days', 1000, 'USD', 4, now()) RETURNING id`,
          [supplier, rocket, spaceport],
        );
        return { supplier, otherSupplier, rocket, spaceport, launch };
      });
    });

    const refused: [string, string, (created: typeof ids) => [string, unknown[]]][] = [
      [
        'seats sold above capacity',
        'launches_seats_sold_check',
        (ids) => ['UPDATE launches SET seats_sold = 5 WHERE id = $1', [ids.launch]],
      ],
      [
        "a launch of another supplier's rocket",
        'launches_rocket_id_supplier_id_fkey',
        (ids) => [
          `INSERT INTO launches (supplier_id, rocket_id, spaceport_id, mission, destination, scheduled_at,
             price_per_seat, currency, seat_capacity, updated_at)
           VALUES ($1, $2, $3, 'M', 'D', now(), 1, 'USD', 1, now())`,
          [ids.otherSupplier, ids.rocket, ids.spaceport],
        ],
      ],
      [
        'a booking of 5 seats',
        'bookings_seats_check',
        (ids) => [
          `INSERT INTO bookings (launch_id, customer_user_id, idempotency_key, seats, price_per_seat,
             total_price, currency, updated_at) VALUES ($1, 'c', 'k1', 5, 1000, 5000, 'USD', now())`,
          [ids.launch],
        ],
      ],
      [
        'a total that is not seats × price',
        'bookings_price_check',
        (ids) => [
          `INSERT INTO bookings (launch_id, customer_user_id, idempotency_key, seats, price_per_seat,
             total_price, currency, updated_at) VALUES ($1, 'c', 'k2', 2, 1000, 1000, 'USD', now())`,
          [ids.launch],
        ],
      ],
      [
        'a currency that is not an ISO code',
        'launches_currency_check',
        (ids) => [`UPDATE launches SET currency = 'us$' WHERE id = $1`, [ids.launch]],
      ],
      [
        'a rocket without seats',
        'rockets_capacity_check',
        (ids) => ['UPDATE rockets SET capacity = 0 WHERE id = $1', [ids.rocket]],
      ],
      [
        'a SUPPLIER invoice without its launch',
        'invoices_subject_check',
        (ids) => [
          `INSERT INTO invoices (number, kind, year, sequence, amount, currency, gross_amount,
             commission_percent, commission_amount, supplier_id, updated_at)
           VALUES ('S-1', 'SUPPLIER', 2030, 1, 900, 'USD', 1000, 10, 100, $1, now())`,
          [ids.supplier],
        ],
      ],
      [
        'a SUPPLIER invoice whose amount is not gross less commission',
        'invoices_commission_check',
        (ids) => [
          `INSERT INTO invoices (number, kind, year, sequence, amount, currency, gross_amount,
             commission_percent, commission_amount, supplier_id, launch_id, updated_at)
           VALUES ('S-2', 'SUPPLIER', 2030, 2, 1000, 'USD', 1000, 10, 100, $1, $2, now())`,
          [ids.supplier, ids.launch],
        ],
      ],
    ];

    it.each(refused)('refuse %s (%s)', async (_what, constraint, statement) => {
      const [sql, values] = statement(ids);
      await withClient(url, async (client) => {
        await expect(client.query(sql, values)).rejects.toMatchObject({ constraint });
      });
    });
  });
});
