import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { spawnService, waitUntilReady, type ChildService } from '../../scripts/lib/children';
import { processNamed, readinessUrl, type ProcessName } from '../../scripts/processes';
import { Balancer } from '../support/balancer';
import { eventually } from '../support/eventually';
import { gql } from '../support/graphql';
import { TestSmtpServer } from '../support/smtp';
import { stackPorts, startStack, type Stack } from '../support/stack';
import { call, OPERATIONS, World, WORLD_ENV, type Session } from '../support/world';

/**
 * Two of everything on one machine: two gateways and two of each subgraph, each
 * pair behind a round-robin balancer (as a Kubernetes Service would put them),
 * and two of each worker on the same queues. Every instance takes work; no
 * booking is lost or decided twice, no job runs twice, and a rate limit reached
 * through one gateway holds on the other (the count lives in Redis).
 */

const HOST = '127.0.0.1';
const FIRST = stackPorts(5720);
const SECOND = stackPorts(5730);
/** Balancers in front of each pair: what every process and client is told to call. */
const FRONT = stackPorts(5740);
const BALANCED = ['gateway', 'auth', 'admin', 'customer', 'monitoring'] as const;
const DOUBLED: readonly ProcessName[] = [...BALANCED, 'syncWorker', 'notificationsWorker'];
const RATE_LIMIT = 100;
const SEATS = 10;
const CUSTOMERS = 14;

let stack: Stack;
let smtp: TestSmtpServer;
let world: World;
const balancers = new Map<(typeof BALANCED)[number], Balancer>();
const seconds: ChildService[] = [];

const url = (port: number): string => `http://${HOST}:${port}`;

/** The sum of a Prometheus counter's samples whose labels include `labels`. */
async function counter(
  port: number,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(`${url(port)}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const sample = new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`).exec(line);
    if (sample === null) continue;
    const has = Object.entries(labels).every(([key, value]) =>
      sample[1].includes(`${key}="${value}"`),
    );
    if (has) sum += Number(sample[2]);
  }
  return sum;
}

beforeAll(async () => {
  for (const name of BALANCED) {
    balancers.set(name, await Balancer.start(FRONT[name], [FIRST[name], SECOND[name]]));
  }
  smtp = await TestSmtpServer.start();
  stack = await startStack({
    name: 'scale_out_e2e',
    portBase: 5720,
    env: {
      ...WORLD_ENV,
      AUTH_URL: `${url(FRONT.auth)}/graphql`,
      ADMIN_URL: `${url(FRONT.admin)}/graphql`,
      CUSTOMER_URL: `${url(FRONT.customer)}/graphql`,
      MONITORING_URL: `${url(FRONT.monitoring)}/graphql`,
      AUTH_JWKS_URL: `${url(FRONT.auth)}/.well-known/jwks.json`,
      GATEWAY_URL: url(FRONT.gateway),
      SMTP_URL: smtp.url,
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      // One job at a time per worker, so a burst of jobs is shared between the two.
      SYNC_CONCURRENCY: '1',
      NOTIFICATION_CONCURRENCY: '1',
    },
  });
  // The second instance of each: the same environment, its own port.
  for (const name of DOUBLED) {
    const spec = processNamed(name);
    const child = spawnService(
      spec,
      { ...stack.env, [spec.portVariable]: String(SECOND[name]) },
      { kind: 'file', path: path.join(stack.logDir, `${name}-2.log`) },
    );
    seconds.push(child);
  }
  await Promise.all(
    seconds.map((child) =>
      waitUntilReady(child, readinessUrl(HOST, SECOND[child.spec.name]), 90_000),
    ),
  );
  world = new World(`${url(FRONT.gateway)}/graphql`);
}, 240_000);

afterAll(async () => {
  await Promise.all(seconds.map((child) => child.stop(15_000)));
  await stack?.stop();
  await Promise.all([...balancers.values()].map((balancer) => balancer.stop()));
  await smtp?.stop();
});

describe('rate limits', () => {
  it('counts a user across both gateways: the limit reached through one holds on the other', async () => {
    const user = await world.register('rate');
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) {
      const gateway = i % 2 === 0 ? FIRST.gateway : SECOND.gateway;
      const answer = await gql(
        `${url(gateway)}/graphql`,
        OPERATIONS.me,
        {},
        {
          token: user.accessToken,
        },
      );
      statuses.push(answer.status);
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    for (const gateway of [FIRST.gateway, SECOND.gateway]) {
      const limited = await gql(
        `${url(gateway)}/graphql`,
        OPERATIONS.me,
        {},
        {
          token: user.accessToken,
        },
      );
      expect(limited.status).toBe(429);
      expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
  });
});

describe('bookings across every instance', () => {
  interface Booking {
    id: string;
    status: string;
    seats: number;
  }
  let customers: Session[];
  let launchId: string;
  let booked: Booking[];

  beforeAll(async () => {
    const employee = await world.employee();
    const spaceportId = await world.spaceport(employee);
    const fleet = await world.supplier(employee, 100);
    const launch = await world.scheduleLaunch(fleet, spaceportId, { seats: SEATS });
    launchId = launch.id;
    await world.untilOnSale([launchId], employee.accessToken);
    customers = await world.customers(CUSTOMERS, 2);
    // Everyone at once, for more seats than there are, through both gateways.
    booked = await Promise.all(
      customers.map(async (customer) => {
        const data = await call<{ bookSeats: Booking }>(
          world.url,
          OPERATIONS.bookSeats,
          { input: { launchId, seats: 1, idempotencyKey: randomUUID() } },
          { token: customer.accessToken },
        );
        return data.bookSeats;
      }),
    );
  }, 120_000);

  it('decides every booking once, in PostgreSQL, never selling more seats than exist', async () => {
    const decided = await eventually(
      async () => {
        const all = await Promise.all(
          customers.map(async (customer) => {
            const data = await call<{ myBookings: Booking[] }>(
              world.url,
              OPERATIONS.myBookings,
              {},
              { token: customer.accessToken },
            );
            return data.myBookings;
          }),
        );
        return all.every((mine) => mine.length === 1 && mine[0].status !== 'PENDING')
          ? all.map((mine) => mine[0])
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'every booking to be decided' },
    );
    expect(decided.map((b) => b.id).sort()).toEqual(booked.map((b) => b.id).sort());
    const confirmed = decided.filter((b) => b.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(SEATS);
    expect(decided.filter((b) => b.status === 'REJECTED')).toHaveLength(CUSTOMERS - SEATS);

    // The read model catches up with PostgreSQL through the outbox.
    await eventually(
      async () => {
        const data = await call<{ launch: { seatsAvailable: number } }>(
          world.url,
          OPERATIONS.launch,
          { id: launchId },
          { token: customers[0].accessToken },
        );
        return data.launch.seatsAvailable === 0 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the read model to show the launch sold out' },
    );
  });

  it('returns the same booking for the same idempotency key on either gateway', async () => {
    const [customer] = await world.customers(1);
    const other = await world.scheduleLaunch(
      await world.supplier(await world.employee(), 10),
      await world.spaceport(await world.employee()),
      { seats: 4 },
    );
    await world.untilOnSale([other.id], customer.accessToken);
    const input = { launchId: other.id, seats: 2, idempotencyKey: randomUUID() };
    const answers = await Promise.all(
      [FIRST.gateway, SECOND.gateway, FIRST.gateway, SECOND.gateway].map((gateway) =>
        call<{ bookSeats: Booking }>(
          `${url(gateway)}/graphql`,
          OPERATIONS.bookSeats,
          { input },
          {
            token: customer.accessToken,
          },
        ),
      ),
    );
    expect(new Set(answers.map((a) => a.bookSeats.id)).size).toBe(1);
    const mine = await eventually(
      async () => {
        const data = await call<{ myBookings: Booking[] }>(
          world.url,
          OPERATIONS.myBookings,
          {},
          {
            token: customer.accessToken,
          },
        );
        return data.myBookings.every((b) => b.status !== 'PENDING') ? data.myBookings : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the booking to be decided' },
    );
    expect(mine).toEqual([expect.objectContaining({ status: 'CONFIRMED', seats: 2 })]);
  });

  it('sends each customer each email about their booking once: no job ran twice', async () => {
    await eventually(
      () =>
        customers.every((customer) => smtp.to(customer.user.email).length >= 1) ? true : undefined,
      { timeoutMs: 60_000, intervalMs: 250, what: 'an email to every customer' },
    );
    // Time for a second copy, were a job to run twice.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const customer of customers) {
      // A decision (and, when confirmed, its invoice): never the same email twice.
      const subjects = smtp.to(customer.user.email).map((mail) => mail.subject);
      expect({
        to: customer.user.email,
        repeated: subjects.length - new Set(subjects).size,
      }).toEqual({ to: customer.user.email, repeated: 0 });
    }
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);

    const workers = [FIRST.notificationsWorker, SECOND.notificationsWorker];
    const sent = await Promise.all(
      workers.map((port) => counter(port, 'notification_attempts_total', { outcome: 'sent' })),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(smtp.received.length);
    for (const port of workers) {
      expect(await counter(port, 'notification_attempts_total', { outcome: 'already-sent' })).toBe(
        0,
      );
    }
  });

  it('decided each booking request in exactly one sync job', async () => {
    const workers = [FIRST.syncWorker, SECOND.syncWorker];
    const applied = await Promise.all(
      workers.map((port) =>
        counter(port, 'sync_jobs_total', { job: 'place-booking', outcome: 'applied' }),
      ),
    );
    // The 14 of the burst and the idempotent one.
    expect(applied.reduce((a, b) => a + b, 0)).toBe(CUSTOMERS + 1);
  });

  it('shared the work between both instances of every process', async () => {
    for (const [name, balancer] of balancers) {
      const answered = [...balancer.answered.values()];
      expect({ name, everyInstance: answered.every((count) => count > 0) }).toEqual({
        name,
        everyInstance: true,
      });
    }
    for (const [name, metric] of [
      ['syncWorker', 'sync_jobs_total'],
      ['notificationsWorker', 'notification_attempts_total'],
    ] as const) {
      const ran = await Promise.all(
        [FIRST[name], SECOND[name]].map((port) => counter(port, metric)),
      );
      expect({ name, ran: ran.map((count) => count > 0) }).toEqual({ name, ran: [true, true] });
    }
  });
});

describe('a worker leaving mid-burst', () => {
  it('finishes what it holds and leaves the rest to the other: every booking decided once', async () => {
    const employee = await world.employee();
    const fleet = await world.supplier(employee, 10);
    const launch = await world.scheduleLaunch(fleet, await world.spaceport(employee), { seats: 4 });
    await world.untilOnSale([launch.id], employee.accessToken);
    const customers = await world.customers(6, 2);
    const leaving = seconds.find((child) => child.spec.name === 'syncWorker')!;

    const burst = Promise.all(
      customers.map((customer) =>
        call<{ bookSeats: { id: string } }>(
          world.url,
          OPERATIONS.bookSeats,
          { input: { launchId: launch.id, seats: 1, idempotencyKey: randomUUID() } },
          { token: customer.accessToken },
        ),
      ),
    );
    const exit = await leaving.stop(15_000);
    expect(exit).toEqual({ code: 0, signal: null });
    const ids = (await burst).map((answer) => answer.bookSeats.id);

    const statuses = await eventually(
      async () => {
        const mine = await Promise.all(
          customers.map(async (customer) => {
            const data = await call<{ myBookings: { id: string; status: string }[] }>(
              world.url,
              OPERATIONS.myBookings,
              {},
              { token: customer.accessToken },
            );
            return data.myBookings;
          }),
        );
        return mine.every((list) => list.length === 1 && list[0].status !== 'PENDING')
          ? mine.map((list) => list[0])
          : undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'every booking to be decided by the remaining worker',
      },
    );
    expect(statuses.map((b) => b.id).sort()).toEqual([...ids].sort());
    expect(statuses.filter((b) => b.status === 'CONFIRMED')).toHaveLength(4);
    expect(statuses.filter((b) => b.status === 'REJECTED')).toHaveLength(2);

    // PostgreSQL holds each booking once, with the status the customer sees.
    const launches = await call<{
      myLaunches: { id: string; bookings: { id: string; status: string }[] }[];
    }>(world.url, OPERATIONS.myLaunches, {}, { token: fleet.session.accessToken });
    const operational = launches.myLaunches.find((l) => l.id === launch.id)!.bookings;
    expect(operational.map((b) => `${b.id}:${b.status}`).sort()).toEqual(
      statuses.map((b) => `${b.id}:${b.status}`).sort(),
    );
  });
});
