import {
  createQueue,
  enqueueNotification,
  QueueName,
  readConfig,
  SyncJobName,
} from '@astrobookings/shared';
import type { Queue } from 'bullmq';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExitInfo } from '../../scripts/lib/children';
import { withDatabase } from '../../scripts/lib/postgres';
import { PROCESSES, type ProcessName } from '../../scripts/processes';
import { eventually } from '../support/eventually';
import { gql } from '../support/graphql';
import { customer, jobsOfEveryKind } from '../support/notification-jobs';
import { TestSmtpServer } from '../support/smtp';
import { stackPorts, startStack, type Stack } from '../support/stack';
import { TcpProxy } from '../support/tcp-proxy';
import { call, OPERATIONS, World, WORLD_ENV } from '../support/world';

/**
 * SIGTERM, as Kubernetes and Docker send it: every process stops taking work,
 * finishes what it holds (a GraphQL request waiting on its store, a job waiting
 * on SMTP or PostgreSQL), closes its connections and exits 0 within its 10 s bound.
 *
 * The processes run with NODE_ENV=production, as deployed. PostgreSQL, the
 * system store and the SMTP server sit behind TCP proxies that can hold their
 * replies, so a request or job is provably in flight when the signal comes.
 */

const PORT_BASE = 5700;
const PORTS = stackPorts(PORT_BASE);
const local = (port: number): string => `http://127.0.0.1:${port}`;
/** shared/src/lifecycle.ts: past this a process gives up and exits 1. */
const SHUTDOWN_BOUND_MS = 10_000;
const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { accessToken user { id } }
}`;
const ME = `query Me { me { id email } }`;
const PLACE_BOOKING: string = SyncJobName.PlaceBooking;

let stack: Stack;
let systemMongo: TcpProxy;
let postgres: TcpProxy;
let smtpProxy: TcpProxy;
let smtp: TestSmtpServer;
let notifications: Queue;
let sync: Queue;

/** Sends SIGTERM; resolves with how the process exited and how long it took. */
async function terminate(service: ProcessName): Promise<ExitInfo & { ms: number }> {
  const started = performance.now();
  const exit = await stack.kill(service, 'SIGTERM');
  return { ...exit, ms: performance.now() - started };
}

async function register(): Promise<{ token: string; userId: string; email: string }> {
  const email = `graceful-${randomUUID().slice(0, 8)}@example.com`;
  const { body } = await gql<{ register: { accessToken: string; user: { id: string } } }>(
    stack.urls.gateway,
    REGISTER,
    { input: { email, password: 'correct horse 7', name: 'Grace' } },
  );
  if (!body.data) throw new Error(`register failed: ${JSON.stringify(body.errors)}`);
  return { token: body.data.register.accessToken, userId: body.data.register.user.id, email };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

beforeAll(async () => {
  const stores = readConfig('graceful-test', ['systemMongo', 'database']);
  const mongo = new URL(stores.systemMongo.url);
  systemMongo = await TcpProxy.start({ host: mongo.hostname, port: Number(mongo.port || 27017) });
  const pg = new URL(stores.database.url);
  postgres = await TcpProxy.start({ host: pg.hostname, port: Number(pg.port || 5432) });
  const proxiedPg = new URL(stores.database.url);
  proxiedPg.host = `127.0.0.1:${postgres.port}`;
  smtp = await TestSmtpServer.start();
  smtpProxy = await TcpProxy.start({ host: '127.0.0.1', port: smtp.port });
  stack = await startStack({
    name: 'graceful_e2e',
    portBase: PORT_BASE,
    env: {
      ...WORLD_ENV,
      DATABASE_URL: withDatabase(proxiedPg.toString(), 'astrobookings_test_graceful_e2e'),
      // As deployed: some libraries (Apollo Server) install their own signal handlers
      // outside NODE_ENV=test; production also needs its signing key.
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      // Production has no default addresses: the monitoring service's probes and the web apps'.
      GATEWAY_PUBLIC_URL: `${local(PORTS.gateway)}/graphql`,
      GATEWAY_URL: local(PORTS.gateway),
      SYNC_WORKER_URL: local(PORTS.syncWorker),
      NOTIFICATIONS_WORKER_URL: local(PORTS.notificationsWorker),
      WEB_URL: local(PORTS.web),
      SYSTEM_MONGO_URL: `mongodb://127.0.0.1:${systemMongo.port}/astro_system_test_graceful_e2e`,
      SMTP_URL: `smtp://127.0.0.1:${smtpProxy.port}`,
    },
  });
  const queues = { redisUrl: stack.env.REDIS_URL!, prefix: stack.env.REDIS_KEY_PREFIX! };
  notifications = createQueue(QueueName.Notifications, queues);
  sync = createQueue(QueueName.Sync, queues);
}, 180_000);

afterAll(async () => {
  systemMongo?.release();
  smtpProxy?.release();
  postgres?.release();
  await notifications?.close();
  await sync?.close();
  await stack?.stop();
  await Promise.all([systemMongo?.down(), postgres?.down(), smtpProxy?.down(), smtp?.stop()]);
});

afterEach(() => {
  systemMongo.release();
  postgres.release();
  smtpProxy.release();
});

describe('a subgraph', () => {
  it('answers the request it holds after SIGTERM, refuses new connections, and exits 0', async () => {
    const user = await register();
    systemMongo.hold();
    // Straight to the Auth subgraph: `me` reads the user from the (held) system store.
    const inFlight = gql<{ me: { id: string } }>(stack.urls.auth, ME, {}, { token: user.token });
    await sleep(300);
    const exit = terminate('auth');
    await eventually(
      async () => ((await refused(`${stack.baseUrls.auth}/health`)) ? true : undefined),
      {
        what: 'auth to stop accepting connections',
        timeoutMs: 5_000,
      },
    );
    systemMongo.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.data?.me.id).toBe(user.userId);
    const { code, signal, ms } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_BOUND_MS);
    await stack.restart('auth');
  });
});

describe('the gateway', () => {
  it('finishes the operation in flight after SIGTERM, refuses new connections, and exits 0', async () => {
    const user = await register();
    systemMongo.hold();
    const inFlight = gql<{ me: { id: string; email: string } }>(
      stack.urls.gateway,
      ME,
      {},
      { token: user.token },
    );
    await sleep(300);
    const exit = terminate('gateway');
    await eventually(
      async () => ((await refused(`${stack.baseUrls.gateway}/health`)) ? true : undefined),
      { what: 'the gateway to stop accepting connections', timeoutMs: 5_000 },
    );
    await sleep(500);
    systemMongo.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { me: { id: user.userId, email: user.email } } });
    const { code, signal, ms } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_BOUND_MS);
    await stack.restart('gateway');
  });
});

describe('a worker', () => {
  it('finishes its active job after SIGTERM, takes no new one, and exits 0', async () => {
    const [first] = jobsOfEveryKind(`graceful-${randomUUID()}`, customer('first'));
    const [second] = jobsOfEveryKind(`graceful-${randomUUID()}`, customer('second'));
    smtpProxy.hold();
    await enqueueNotification(notifications, first);
    await eventually(
      async () => ((await notifications.getActiveCount()) === 1 ? true : undefined),
      {
        what: 'the notification job to be active',
      },
    );
    const exit = terminate('notificationsWorker');
    await sleep(500);
    // Queued while the worker shuts down: it must wait for the next worker, not be half-taken.
    await enqueueNotification(notifications, second);
    await sleep(500);
    smtpProxy.release();
    const { code, signal, ms } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_BOUND_MS);

    expect(smtp.to(first.recipient.email)).toHaveLength(1);
    expect(await notifications.getJobState(first.id)).toBe('completed');
    expect(await notifications.getJobState(second.id)).toBe('waiting');
    expect(smtp.to(second.recipient.email)).toHaveLength(0);

    await stack.restart('notificationsWorker');
    await eventually(() => (smtp.to(second.recipient.email).length === 1 ? true : undefined), {
      what: 'the next worker to send the queued email',
    });
    expect(smtp.to(first.recipient.email)).toHaveLength(1);
  });
});

describe('the sync worker', () => {
  it('decides the booking it holds after SIGTERM, in PostgreSQL, and exits 0', async () => {
    const world = new World(stack.urls.gateway);
    const employee = await world.employee();
    const fleet = await world.supplier(employee, 10);
    const launch = await world.scheduleLaunch(fleet, await world.spaceport(employee), { seats: 2 });
    await world.untilOnSale([launch.id], employee.accessToken);
    const [customer] = await world.customers(1);

    postgres.hold();
    const booking = call<{ bookSeats: { id: string; status: string } }>(
      world.url,
      OPERATIONS.bookSeats,
      { input: { launchId: launch.id, seats: 1, idempotencyKey: randomUUID() } },
      { token: customer.accessToken },
    );
    await eventually(
      async () => {
        const active = await sync.getActive();
        return active.some((job) => job.name === PLACE_BOOKING) ? true : undefined;
      },
      { what: 'the booking request to be an active sync job' },
    );
    const exit = terminate('syncWorker');
    await sleep(500);
    postgres.release();
    const { code, signal, ms } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_BOUND_MS);
    const { id } = (await booking).bookSeats;

    // Decided by the leaving worker: nothing left for the next one to redo.
    const placed = await sync.getCompleted();
    expect(placed.filter((job) => job.name === PLACE_BOOKING)).toHaveLength(1);
    expect(await sync.getActiveCount()).toBe(0);
    const launches = await call<{
      myLaunches: { id: string; bookings: { id: string; status: string }[] }[];
    }>(world.url, OPERATIONS.myLaunches, {}, { token: fleet.session.accessToken });
    expect(launches.myLaunches.find((l) => l.id === launch.id)?.bookings).toEqual([
      expect.objectContaining({ id, status: 'CONFIRMED' }),
    ]);
    await stack.restart('syncWorker');
  });
});

describe('every other process', () => {
  const others = PROCESSES.filter(
    (spec) => !['auth', 'gateway', 'notificationsWorker', 'syncWorker'].includes(spec.name),
  );
  it.each(others.map((spec) => [spec.name] as const))(
    '%s exits 0 within the bound on SIGTERM',
    async (service) => {
      const { code, signal, ms } = await terminate(service);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(ms).toBeLessThan(SHUTDOWN_BOUND_MS);
    },
  );
});
