import { readConfig } from '@astrobookings/shared';
import mongoose from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectPostgres } from '../../scripts/lib/postgres';
import type { ProcessName } from '../../scripts/processes';
import { eventually } from '../support/eventually';
import {
  startPrivateStores,
  type PrivateStoreName,
  type PrivateStores,
} from '../support/private-stores';
import { TestSmtpServer } from '../support/smtp';
import { startStack, type Stack } from '../support/stack';
import { World, WORLD_ENV, type ScheduledLaunch, type Session } from '../support/world';
import { BookingLoad, bookOnce, type BookingIntent } from './booking-load';

/**
 * The fault tier: under a steady booking load, every process is killed (-9)
 * and restarted, and every store is stopped and started, one at a time. The
 * stack runs on private PostgreSQL, Redis and FerretDB servers, so stopping
 * them touches nobody else. Afterwards every booking is decided exactly once,
 * no seat is oversold, every decision was mailed as one message (one
 * Message-ID; a copy only where a kill fell between the SMTP server's 250 and
 * the worker's record), no notification is left QUEUED or FAILED, and every
 * process recovered by itself.
 *
 * FAULT_PROFILE=long: three rounds of faults, each store and process down
 * longer.
 */

const LONG = process.env.FAULT_PROFILE === 'long';
const PROFILE = LONG
  ? { rounds: 3, downMs: 5_000, healthyMs: 4_000 }
  : { rounds: 1, downMs: 1_500, healthyMs: 1_500 };
const PROCESS_FAULTS: ProcessName[] = [
  'gateway',
  'auth',
  'admin',
  'customer',
  'monitoring',
  'syncWorker',
  'notificationsWorker',
];
const STORE_FAULTS: PrivateStoreName[] = ['redis', 'ferretdb', 'postgresql'];
/** The client's bound: the gateway's own subgraph timeout (10 s) plus the booking wait. */
const CLIENT_TIMEOUT_MS = 15_000;
const RECOVERY_MS = 60_000;
const LAUNCHES = 4;
const SEATS_PER_LAUNCH = 120;
const CUSTOMERS = 4;

let stores: PrivateStores;
let smtp: TestSmtpServer;
let stack: Stack;
let customers: Session[];
let launches: ScheduledLaunch[];

function log(line: string): void {
  process.stdout.write(`fault: ${line}\n`);
}

async function readyStates(): Promise<Record<string, number | string>> {
  const states = await Promise.all(
    Object.entries(stack.baseUrls).map(async ([name, url]) => {
      const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(3_000) }).catch(
        (error: unknown) => (error as { cause?: { code?: string } }).cause?.code ?? 'no answer',
      );
      return [name, typeof response === 'string' ? response : response.status] as const;
    }),
  );
  return Object.fromEntries(states);
}

/** Every process answers /ready 200 again, without anyone restarting it. */
async function allReady(after: string): Promise<void> {
  const started = Date.now();
  let last: Record<string, number | string> = {};
  await eventually(
    async () => {
      last = await readyStates();
      return Object.values(last).every((state) => state === 200) ? true : undefined;
    },
    { timeoutMs: RECOVERY_MS, intervalMs: 250, what: `every process ready after ${after}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}: ${JSON.stringify(last)}`);
  });
  log(`${after}: every process ready after ${Date.now() - started} ms`);
}

beforeAll(async () => {
  stores = await startPrivateStores({ name: 'fault', portBase: 5880 });
  smtp = await TestSmtpServer.start();
  stack = await startStack({
    name: 'fault',
    portBase: 5860,
    env: {
      ...WORLD_ENV,
      DATABASE_URL: stores.postgresUrl.replace(/\/postgres$/, '/astrobookings_test_fault'),
      REDIS_URL: stores.redisUrl,
      CUSTOMER_MONGO_URL: `${stores.mongoUrl}astro_customer_test_fault`,
      SYSTEM_MONGO_URL: `${stores.mongoUrl}astro_system_test_fault`,
      SMTP_URL: smtp.url,
      RATE_LIMIT_PER_MINUTE: '1000000',
      // The re-drives and retries that repair a fault run within seconds here, not minutes.
      OUTBOX_REDRIVE_AFTER_MS: '5000',
      SYNC_REQUEST_REDRIVE_AFTER_MS: '3000',
      NOTIFICATION_BACKOFF_MS: '500',
      SMTP_TIMEOUT_MS: '3000',
      NOTIFICATION_SEND_LEASE_MS: '6000',
    },
  });
  const world = new World(stack.urls.gateway);
  const employee = await world.employee();
  const spaceportId = await world.spaceport(employee);
  const fleet = await world.supplier(employee, SEATS_PER_LAUNCH);
  launches = [];
  for (let i = 0; i < LAUNCHES; i++) {
    launches.push(await world.scheduleLaunch(fleet, spaceportId, { daysAhead: 30 + i }));
  }
  customers = await world.customers(CUSTOMERS);
  await world.untilOnSale(
    launches.map((launch) => launch.id),
    customers[0].accessToken,
  );
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await smtp?.stop();
  await stores?.destroy();
}, 120_000);

interface Settled {
  bookingId: string;
  status: string;
}

/** Asks again with the same key until the booking is decided (a client that retries). */
async function settle(intent: BookingIntent): Promise<Settled> {
  return eventually(
    async () => {
      const outcome = await bookOnce(stack.urls.gateway, intent, CLIENT_TIMEOUT_MS);
      if (outcome.kind === 'answer' && outcome.status !== 'PENDING') {
        return { bookingId: outcome.bookingId, status: outcome.status };
      }
      return undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: `booking ${intent.key} decided` },
  );
}

it(
  'keeps bookings, seats and emails exact while processes are killed and stores stopped under load',
  async () => {
    const load = new BookingLoad(stack.urls.gateway, customers, launches, {
      pauseMs: 150,
      timeoutMs: CLIENT_TIMEOUT_MS,
    });
    load.start();
    await sleep(PROFILE.healthyMs);
    for (let round = 1; round <= PROFILE.rounds; round++) {
      for (const name of PROCESS_FAULTS) {
        await stack.kill(name, 'SIGKILL');
        await sleep(PROFILE.downMs);
        await stack.restart(name);
        await allReady(`kill -9 ${name} (round ${round})`);
        await sleep(PROFILE.healthyMs);
      }
      for (const store of STORE_FAULTS) {
        await stores.stop(store);
        await sleep(PROFILE.downMs);
        await stores.start(store);
        await allReady(`stop/start ${store} (round ${round})`);
        await sleep(PROFILE.healthyMs);
      }
    }
    await load.stop();

    const outcomes = load.attempts.map((attempt) => attempt.outcome);
    const count = (kind: string) => outcomes.filter((outcome) => outcome.kind === kind).length;
    log(
      `${load.intents.length} bookings asked in ${outcomes.length} requests: ${count('answer')} answered, ` +
        `${count('error')} clear errors, ${count('unclear')} unclear`,
    );
    // During faults requests fail with an error that says so, within the client's bound.
    expect(
      outcomes.filter((outcome) => outcome.kind === 'unclear').map((outcome) => outcome.detail),
    ).toEqual([]);

    // Every booking asked for is decided, once: the same key always names the same booking.
    const settled = new Map<string, Settled>();
    for (const intent of load.intents) settled.set(intent.key, await settle(intent));
    for (const attempt of load.attempts) {
      if (attempt.outcome.kind === 'answer') {
        expect(attempt.outcome.bookingId).toBe(settled.get(attempt.intent.key)!.bookingId);
      }
    }

    const db = await connectPostgres(stack.env.DATABASE_URL!);
    try {
      const rows = await db.query<{
        id: string;
        idempotency_key: string;
        status: string;
        seats: number;
        launch_id: string;
        customer_user_id: string;
      }>(
        `SELECT id, idempotency_key, status, seats, launch_id, customer_user_id FROM bookings WHERE idempotency_key LIKE 'fault-%'`,
      );
      expect(rows.rows).toHaveLength(load.intents.length);
      const mismatched = rows.rows.filter((row) => {
        const answer = settled.get(row.idempotency_key);
        return answer?.bookingId !== row.id || answer.status !== row.status;
      });
      expect(mismatched).toEqual([]);
      // No seat oversold, and the count of sold seats is the sum of the confirmed bookings.
      const seats = await db.query<{
        id: string;
        seat_capacity: number;
        seats_sold: number;
        confirmed: string;
      }>(
        `SELECT l.id, l.seat_capacity, l.seats_sold,
                coalesce(sum(b.seats) FILTER (WHERE b.status = 'CONFIRMED'), 0) AS confirmed
         FROM launches l LEFT JOIN bookings b ON b.launch_id = l.id GROUP BY l.id`,
      );
      for (const launch of seats.rows) {
        expect(launch.seats_sold).toBeLessThanOrEqual(launch.seat_capacity);
        expect(Number(launch.confirmed)).toBe(launch.seats_sold);
      }
      log(
        `seats sold ${seats.rows.map((l) => `${l.seats_sold}/${l.seat_capacity}`).join(', ')}; ` +
          `${rows.rows.filter((r) => r.status === 'CONFIRMED').length} confirmed, ${rows.rows.filter((r) => r.status === 'REJECTED').length} rejected`,
      );

      // The customers' read model says what PostgreSQL decided.
      const customerDb = await mongoose.createConnection(stack.env.CUSTOMER_MONGO_URL!).asPromise();
      try {
        await eventually(
          async () => {
            const copies = await customerDb
              .collection<{ _id: string; status: string }>('bookings')
              .find({ _id: { $in: rows.rows.map((row) => row.id) } })
              .toArray();
            const byId = new Map(copies.map((copy) => [copy._id, copy.status]));
            return rows.rows.every((row) => byId.get(row.id) === row.status) ? true : undefined;
          },
          { timeoutMs: 30_000, what: 'the read model to match PostgreSQL' },
        );
      } finally {
        await customerDb.close();
      }

      // Every decision mailed as exactly one message: one Message-ID per decided booking, and
      // every notification SENT, none left QUEUED or FAILED.
      const decided = (userId: string) =>
        rows.rows.filter((row) => row.customer_user_id === userId).length;
      const messagesTo = (email: string) =>
        new Set(
          smtp
            .to(email)
            .filter((mail) => /^Booking (confirmed|not confirmed):/.test(mail.subject))
            .map((mail) => mail.messageId),
        ).size;
      const systemDb = await mongoose.createConnection(stack.env.SYSTEM_MONGO_URL!).asPromise();
      try {
        const unsent = () =>
          systemDb
            .collection<{ _id: string; status: string; lastError: string | null }>(
              'notification_statuses',
            )
            .find({ status: { $in: ['QUEUED', 'FAILED'] } })
            .project({ status: 1, lastError: 1 })
            .toArray();
        await eventually(
          async () =>
            customers.every(
              (customer) => messagesTo(customer.user.email) >= decided(customer.user.id),
            ) && (await unsent()).length === 0
              ? true
              : undefined,
          {
            timeoutMs: 90_000,
            what: 'an email for every decided booking, every notification sent',
          },
        );
        await sleep(3_000);
        for (const customer of customers) {
          expect({
            customer: customer.user.email,
            messages: messagesTo(customer.user.email),
          }).toEqual({
            customer: customer.user.email,
            messages: decided(customer.user.id),
          });
        }
        expect(await unsent()).toEqual([]);
      } finally {
        await systemDb.close();
      }
      // A second copy of a message (same Message-ID) only from a kill between the SMTP server's
      // 250 and the worker's record: at most the sends in flight at each kill of the worker.
      const messageIds = smtp.received.map((mail) => mail.messageId);
      const copies = messageIds.length - new Set(messageIds).size;
      const kills =
        PROCESS_FAULTS.filter((name) => name === 'notificationsWorker').length * PROFILE.rounds;
      const { concurrency } = readConfig('fault', ['notifications'], stack.env).notifications;
      log(
        `emails: ${messageIds.length} received, ${copies} second copies of a message (bound ${kills * concurrency})`,
      );
      expect(copies).toBeLessThanOrEqual(kills * concurrency);
    } finally {
      await db.end();
    }

    // Recovered without a manual step: a new booking is decided as usual.
    const fresh = await bookOnce(
      stack.urls.gateway,
      { key: 'fault-after', customer: customers[0], launchId: launches[0].id, seats: 1 },
      CLIENT_TIMEOUT_MS,
    );
    expect(fresh).toMatchObject({ kind: 'answer' });
  },
  (LONG ? 60 : 15) * 60_000,
);
