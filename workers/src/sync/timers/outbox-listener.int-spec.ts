import { createLogger } from '@astrobookings/shared';
import pg from 'pg';
import { dropTestDatabase, migratedDatabase } from '../../../../test/support/admin-kit';
import { eventually } from '../../../../test/support/eventually';
import { OUTBOX_CHANNEL, OutboxListener } from './outbox-listener';

/**
 * The outbox trigger (prisma/migrations/*_outbox_notify) and the listener that
 * wakes the relay, against real PostgreSQL: a committed event wakes it at once,
 * an uncommitted one does not, and a lost connection is listened on again.
 */
describe('OutboxListener (PostgreSQL)', () => {
  let databaseUrl: string;
  let db: pg.Client;
  let listener: OutboxListener;
  let wakes = 0;

  async function addEvent(client: pg.Client): Promise<void> {
    await client.query(
      `INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload)
       VALUES ('LaunchChanged', 'Launch', 'launch-1', '{}')`,
    );
  }

  async function listening(): Promise<number> {
    const { rows } = await db.query<{ count: string }>(
      `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${OUTBOX_CHANNEL}`],
    );
    return Number(rows[0].count);
  }

  beforeAll(async () => {
    databaseUrl = await migratedDatabase('astrobookings_outbox_listener');
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    listener = new OutboxListener(
      databaseUrl,
      () => void wakes++,
      createLogger('outbox-listener-test', { level: 'silent' }),
    );
    listener.start();
    // It wakes the relay once when listening starts, for what was committed before.
    await eventually(() => (wakes === 1 ? true : undefined), { what: 'the first wake' });
  });

  afterAll(async () => {
    await listener.stop();
    await db.end();
    await dropTestDatabase(databaseUrl);
  });

  it('wakes the relay when an outbox event commits, not before', async () => {
    await db.query('BEGIN');
    await addEvent(db);
    await addEvent(db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(wakes).toBe(1);
    await db.query('COMMIT');
    await eventually(() => (wakes === 2 ? true : undefined), { what: 'a wake at commit' });
  });

  it('listens again after losing its connection', async () => {
    await eventually(async () => ((await listening()) === 1 ? true : undefined), {
      what: 'the LISTEN session',
    });
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${OUTBOX_CHANNEL}`],
    );
    const before = wakes;
    // Reconnected: one wake for what committed while it was away, then one per commit.
    await eventually(() => (wakes === before + 1 ? true : undefined), {
      what: 'a wake after reconnecting',
    });
    await addEvent(db);
    await eventually(() => (wakes === before + 2 ? true : undefined), {
      what: 'a wake after a commit',
    });
  });
});
