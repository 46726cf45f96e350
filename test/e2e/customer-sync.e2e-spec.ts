import { createPrismaClient, type PrismaClient } from '@astrobookings/prisma';
import {
  customerBookingModel,
  launchViewModel,
  NotificationKind,
  QueueName,
  queueConnection,
  queuePrefix,
  SyncDirection,
  syncLogModel,
  waitlistEntryModel,
  type CustomerBookingModel,
  type NotificationJob,
} from '@astrobookings/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { gql, type GqlResponse } from '../support/graphql';
import { startStack, type Stack } from '../support/stack';
import {
  call,
  World,
  WORLD_ENV,
  type ScheduledLaunch,
  type Session,
  type SupplierFleet,
} from '../support/world';

/**
 * The Customer subgraph and the sync worker through the gateway, with real
 * processes over real PostgreSQL, FerretDB and Redis: seats are decided in
 * PostgreSQL only, whatever the concurrency, a killed worker or a Redis that
 * lost its data; the read model follows PostgreSQL within a bounded time.
 */

// The contract's Customer operations, exactly as written.
const CONTRACT = {
  Launches: `query Launches($filter: LaunchFilter, $first: Int, $after: String) {
  launches(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id mission destination scheduledAt pricePerSeat currency seatsAvailable spaceport { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  Launch: `query Launch($id: ID!) {
  launch(id: $id) { id mission destination scheduledAt status pricePerSeat currency seatsAvailable }
}`,
  BookSeats: `mutation BookSeats($input: BookSeatsInput!) {
  bookSeats(input: $input) {
    id status seats totalPrice currency
    launch { id mission }
  }
}`,
  CancelMyBooking: `mutation CancelMyBooking($id: ID!) {
  cancelMyBooking(id: $id) { id status }
}`,
  MyBookings: `query MyBookings {
  myBookings { id status seats totalPrice currency launch { id mission scheduledAt } }
}`,
  MyInvoices: `query MyInvoices {
  myInvoices { id number amount currency status }
}`,
  MyNotifications: `query MyNotifications {
  myNotifications { id subject createdAt }
}`,
};

const MORE = {
  bookSeatsWithReason: `mutation BookSeats($input: BookSeatsInput!) {
    bookSeats(input: $input) { id status seats rejectionReason launch { id } }
  }`,
  myProfile: `query { myProfile { id email name phone } }`,
  updateMyProfile: `mutation Update($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) { id email name phone }
  }`,
  joinWaitlist: `mutation Join($launchId: ID!, $seats: Int!) {
    joinWaitlist(launchId: $launchId, seats: $seats) { id status seats position holdExpiresAt }
  }`,
  leaveWaitlist: `mutation Leave($launchId: ID!) { leaveWaitlist(launchId: $launchId) { id status } }`,
  myWaitlist: `query { myWaitlist { id status seats position holdExpiresAt launch { id seatsAvailable } } }`,
  delayLaunch: `mutation Delay($id: ID!, $scheduledAt: DateTime!, $reason: String!) {
    delayLaunch(id: $id, scheduledAt: $scheduledAt, reason: $reason) { id status scheduledAt }
  }`,
  cancelLaunch: `mutation CancelLaunch($id: ID!, $reason: String!) {
    cancelLaunch(id: $id, reason: $reason) { id status }
  }`,
};

interface BookingAnswer {
  id: string;
  status: string;
  seats: number;
  totalPrice: number;
  currency: string;
  launch: { id: string; mission: string };
}

interface WaitlistAnswer {
  id: string;
  status: string;
  seats: number;
  position: number | null;
  holdExpiresAt: string | null;
}

const NAME = 'customer_sync_e2e';
const SETTLE_MS = 90_000;

let stack: Stack;
let world: World;
let prisma: PrismaClient;
let customerMongo: Connection;
let systemMongo: Connection;
let bookingsInMongo: CustomerBookingModel;
let notificationQueue: Queue;
let employee: Session;
let fleet: SupplierFleet;
let spaceportId: string;
let customers: Session[];

const as = (session: Session) => ({ token: session.accessToken });

function book(session: Session, launchId: string, seats = 1, idempotencyKey = randomUUID()) {
  return gql<{ bookSeats: BookingAnswer }>(
    stack.urls.gateway,
    CONTRACT.BookSeats,
    { input: { launchId, seats, idempotencyKey } },
    as(session),
  );
}

/**
 * Books and answers the decision: while the answer is PENDING (PostgreSQL took longer
 * than the wait), the same request is sent again, which waits again.
 */
async function bookDecided(
  session: Session,
  launchId: string,
  seats = 1,
): Promise<BookingAnswer & { rejectionReason: string | null }> {
  const idempotencyKey = randomUUID();
  return eventually(
    async () => {
      const answer = await gql<{ bookSeats: BookingAnswer & { rejectionReason: string | null } }>(
        stack.urls.gateway,
        MORE.bookSeatsWithReason,
        { input: { launchId, seats, idempotencyKey } },
        as(session),
      );
      if (answer.body.errors !== undefined) throw new Error(JSON.stringify(answer.body.errors));
      const booking = answer.body.data!.bookSeats;
      return booking.status === 'PENDING' ? undefined : booking;
    },
    { timeoutMs: 30_000, what: 'the decision on a booking' },
  );
}

async function seatsOnSale(launchId: string, session: Session): Promise<number> {
  const { launch } = await call<{ launch: { seatsAvailable: number } }>(
    stack.urls.gateway,
    CONTRACT.Launch,
    { id: launchId },
    as(session),
  );
  return launch.seatsAvailable;
}

function errorCode(response: GqlResponse<unknown>): string | undefined {
  return response.body.errors?.[0]?.extensions?.code;
}

async function launchOf(seats: number, options: { destination?: string; daysAhead?: number } = {}) {
  const launch: ScheduledLaunch = await world.scheduleLaunch(fleet, spaceportId, {
    seats,
    ...options,
  });
  await world.untilOnSale([launch.id], employee.accessToken);
  return launch;
}

/** Every booking of a launch in both stores, once none is PENDING any more in either. */
async function settled(launchId: string, expected: number) {
  return eventually(
    async () => {
      const [inPostgres, inMongo, outboxLeft] = await Promise.all([
        prisma.booking.findMany({
          where: { launchId },
          select: {
            id: true,
            status: true,
            seats: true,
            customerUserId: true,
            idempotencyKey: true,
          },
        }),
        bookingsInMongo
          .find({ launchId }, { status: 1, seats: 1, customerUserId: 1, idempotencyKey: 1 })
          .lean()
          .exec(),
        prisma.outboxEvent.count({ where: { processedAt: null } }),
      ]);
      const undecided =
        inMongo.length < expected ||
        inPostgres.length < expected ||
        inMongo.some((booking) => booking.status === 'PENDING') ||
        inPostgres.some((booking) => booking.status === 'PENDING') ||
        outboxLeft > 0;
      return undecided ? undefined : { inPostgres, inMongo };
    },
    { timeoutMs: SETTLE_MS, intervalMs: 250, what: `the bookings of ${launchId} to settle` },
  );
}

/** The same bookings, statuses and seats in both stores; exactly `capacity` seats confirmed. */
async function expectStoresAgree(launchId: string, requests: number, capacity: number) {
  const { inPostgres, inMongo } = await settled(launchId, requests);
  expect(inPostgres).toHaveLength(requests);
  expect(inMongo).toHaveLength(requests);
  const postgresById = new Map(inPostgres.map((booking) => [booking.id, booking]));
  for (const copy of inMongo) {
    expect({ id: copy._id, status: copy.status }).toEqual({
      id: copy._id,
      status: postgresById.get(copy._id)?.status,
    });
  }
  const confirmedSeats = inPostgres
    .filter((booking) => booking.status === 'CONFIRMED')
    .reduce((sum, booking) => sum + booking.seats, 0);
  expect(confirmedSeats).toBe(capacity);
  expect(inPostgres.every((b) => b.status === 'CONFIRMED' || b.status === 'REJECTED')).toBe(true);
  const keys = new Set(inPostgres.map((b) => `${b.customerUserId}/${b.idempotencyKey}`));
  expect(keys.size).toBe(requests);
  const launch = await prisma.launch.findUniqueOrThrow({ where: { id: launchId } });
  expect(launch.seatsSold).toBe(capacity);
  const copy = await launchViewModel(customerMongo).findById(launchId).lean().exec();
  expect(copy?.seatsAvailable).toBe(launch.seatCapacity - launch.seatsSold);
}

/** `count` one-seat requests on a launch, spread over the customers, all at once. */
function burst(launchId: string, count: number, from: Session[]) {
  return Promise.all(
    Array.from({ length: count }, (_, i) => book(from[i % from.length], launchId)),
  );
}

beforeAll(async () => {
  stack = await startStack({
    name: NAME,
    portBase: 5400,
    services: ['auth', 'admin', 'customer', 'monitoring', 'syncWorker', 'gateway'],
    env: {
      ...WORLD_ENV,
      PASSWORD_ARGON2_MEMORY_KIB: '1024',
      PASSWORD_ARGON2_TIME_COST: '1',
      LOG_SHIPPING: 'off',
      // 600 requests at once on two cores that other work shares may queue longer than the default.
      SUBGRAPH_TIMEOUT_MS: '60000',
      BOOKING_WAIT_MS: '2000',
      OUTBOX_POLL_MS: '100',
      // Soon enough for the Redis-loss test; not so soon that a burst's backlog is re-checked all the time.
      OUTBOX_REDRIVE_AFTER_MS: '5000',
      SYNC_REQUEST_REDRIVE_AFTER_MS: '8000',
      SYNC_RECONCILE_INTERVAL_MS: '5000',
      SYNC_JOB_LOCK_MS: '3000',
      SYNC_LOG_FLUSH_MS: '500',
      WAITLIST_SWEEP_MS: '300',
    },
  });
  world = new World(stack.urls.gateway);
  prisma = createPrismaClient(String(stack.env.DATABASE_URL), { maxConnections: 3 });
  customerMongo = await mongoose.createConnection(String(stack.env.CUSTOMER_MONGO_URL)).asPromise();
  systemMongo = await mongoose.createConnection(String(stack.env.SYSTEM_MONGO_URL)).asPromise();
  bookingsInMongo = customerBookingModel(customerMongo);
  notificationQueue = new Queue(QueueName.Notifications, {
    connection: queueConnection(String(stack.env.REDIS_URL)),
    prefix: queuePrefix(String(stack.env.REDIS_KEY_PREFIX)),
  });
  employee = await world.employee();
  [fleet, spaceportId, customers] = await Promise.all([
    world.supplier(employee, 200),
    world.spaceport(employee),
    world.customers(100, 10),
  ]);
}, 180_000);

afterAll(async () => {
  await notificationQueue?.close();
  await customerMongo?.close();
  await systemMongo?.close();
  await prisma?.$disconnect();
  await stack?.stop();
});

describe('launches on sale', () => {
  it('lists future SCHEDULED or DELAYED launches by departure, filtered and paged', async () => {
    const destination = `Mars ${randomUUID().slice(0, 6)}`;
    const [late, early] = [
      await launchOf(4, { destination, daysAhead: 90 }),
      await launchOf(4, { destination: destination.toUpperCase(), daysAhead: 60 }),
    ];
    const page = (after?: string) =>
      call<{
        launches: {
          totalCount: number;
          edges: { cursor: string; node: { id: string; spaceport: { name: string } } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }>(
        stack.urls.gateway,
        CONTRACT.Launches,
        { filter: { destination: destination.toLowerCase(), spaceportId }, first: 1, after },
        as(customers[0]),
      );
    const first = await page();
    expect(first.launches.totalCount).toBe(2);
    expect(first.launches.edges.map((edge) => edge.node.id)).toEqual([early.id]);
    expect(first.launches.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.launches.pageInfo.endCursor ?? undefined);
    expect(second.launches.edges.map((edge) => edge.node.id)).toEqual([late.id]);
    expect(second.launches.pageInfo.hasNextPage).toBe(false);

    const window = await call<{ launches: { totalCount: number } }>(
      stack.urls.gateway,
      CONTRACT.Launches,
      {
        filter: {
          destination,
          from: new Date(Date.now() + 75 * 86_400_000).toISOString(),
          to: new Date(Date.now() + 120 * 86_400_000).toISOString(),
        },
      },
      as(customers[0]),
    );
    expect(window.launches.totalCount).toBe(1);
  });

  it('refuses callers without a token, and bad booking requests with clear codes', async () => {
    const launch = await launchOf(2);
    const anonymous = await gql(stack.urls.gateway, CONTRACT.Launches, {});
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(errorCode(await book(fleet.session, launch.id))).toBe('FORBIDDEN');
    expect(errorCode(await book(customers[0], launch.id, 5))).toBe('BAD_USER_INPUT');
    expect(errorCode(await book(customers[0], launch.id, 0))).toBe('BAD_USER_INPUT');
    expect(errorCode(await book(customers[0], randomUUID()))).toBe('NOT_FOUND');
    const key = randomUUID();
    expect((await bookDecided(customers[0], launch.id)).status).toBe('CONFIRMED');
    expect((await book(customers[0], launch.id, 1, key)).body.errors).toBeUndefined();
    expect(errorCode(await book(customers[0], launch.id, 2, key))).toBe('CONFLICT');
    // A launch called off is no longer on sale.
    await call(
      stack.urls.gateway,
      MORE.cancelLaunch,
      { id: launch.id, reason: 'Scrubbed' },
      as(fleet.session),
    );
    await eventually(
      async () =>
        errorCode(await book(customers[1], launch.id)) === 'CONFLICT' ? true : undefined,
      { what: 'the cancelled launch refused' },
    );
  });
});

describe("the gateway's cache of launches on sale", () => {
  it('answers signed-in callers again from memory, and never after a change landed', async () => {
    const destination = `Cached ${randomUUID().slice(0, 6)}`;
    const launch = await launchOf(5, { destination });
    const ask = (options: { token?: string; headers?: Record<string, string> }) =>
      gql<{ launches: { edges: { node: { id: string; seatsAvailable: number } }[] } }>(
        stack.urls.gateway,
        CONTRACT.Launches,
        { filter: { destination } },
        options,
      );
    const first = await ask(as(customers[0]));
    expect(first.headers.get('age')).toBeNull();
    // Another caller gets it from memory (Apollo's response cache says how old it is), once
    // no change lands meanwhile: each one the catalog applies drops every cached answer.
    const again = await eventually(
      async () => {
        const answer = await ask(as(customers[1]));
        return answer.headers.get('age') === null ? undefined : answer;
      },
      { what: "an answer from the gateway's cache" },
    );
    expect(again.headers.get('age')).toMatch(/^\d+$/);
    expect(again.body).toEqual(first.body);
    // The hints are the gateway's own: no browser or proxy is told it may keep the answer.
    expect(again.headers.get('cache-control')).toBeNull();
    // Anyone the subgraph would refuse is still refused.
    expect(errorCode(await ask({}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await ask({ token: 'not-a-token' }))).toBe('UNAUTHENTICATED');
    // `Cache-Control: no-cache` asks the subgraph.
    const fresh = await ask({ ...as(customers[0]), headers: { 'cache-control': 'no-cache' } });
    expect(fresh.headers.get('age')).toBeNull();
    expect(fresh.body).toEqual(first.body);

    expect((await bookDecided(customers[2], launch.id, 2)).status).toBe('CONFIRMED');
    const seats = async () => (await ask(as(customers[0]))).body.data?.launches.edges[0]?.node;
    await eventually(async () => ((await seats())?.seatsAvailable === 3 ? true : undefined), {
      what: 'the booked seats in the cached list',
    });
    // Once the change is seen, no answer from before it comes back.
    for (let i = 0; i < 5; i++) expect((await seats())?.seatsAvailable).toBe(3);
  });

  it("keeps no answer that depends on the caller or on another subgraph's data", async () => {
    for (const query of [
      CONTRACT.MyBookings,
      'query { me { id } launches(first: 1) { totalCount } }',
    ]) {
      await gql(stack.urls.gateway, query, {}, as(customers[3]));
      const again = await gql(stack.urls.gateway, query, {}, as(customers[3]));
      expect(again.body.errors).toBeUndefined();
      expect(again.headers.get('age')).toBeNull();
    }
  });
});

describe('bookSeats under load', () => {
  it('500 concurrent requests for 100 seats from 100 customers: exactly 100 confirmed, in both stores', async () => {
    const launch = await launchOf(100);
    const requests = customers.flatMap((customer) =>
      Array.from({ length: 5 }, () => ({ customer, key: randomUUID() })),
    );
    // Every fifth request is sent twice at the same moment: the key must not book twice.
    const repeats = requests.filter((_, i) => i % 5 === 0);
    const started = performance.now();
    const answers = await Promise.all(
      [...requests, ...repeats].map(({ customer, key }) => book(customer, launch.id, 1, key)),
    );
    const answeredMs = Math.round(performance.now() - started);
    for (const answer of answers) {
      expect(answer.body.errors).toBeUndefined();
      expect(['PENDING', 'CONFIRMED', 'REJECTED']).toContain(answer.body.data?.bookSeats.status);
    }
    const idOf = new Map<string, string>();
    [...requests, ...repeats].forEach(({ key }, i) => {
      const id = answers[i].body.data!.bookSeats.id;
      expect(idOf.get(key) ?? id).toBe(id);
      idOf.set(key, id);
    });

    await expectStoresAgree(launch.id, 500, 100);
    const settledMs = Math.round(performance.now() - started);
    const rejectedInMongo = await bookingsInMongo.countDocuments({
      launchId: launch.id,
      status: 'REJECTED',
      rejectionReason: { $ne: null },
    });
    expect(rejectedInMongo).toBe(400);
    console.log(
      `500 bookSeats for 100 seats: answered in ${answeredMs} ms, settled in ${settledMs} ms`,
    );

    // Once settled, everyone sees their own outcome, and only their own bookings.
    const mine = await call<{
      myBookings: { id: string; status: string; launch: { id: string } }[];
    }>(stack.urls.gateway, CONTRACT.MyBookings, {}, as(customers[0]));
    const own = requests.filter((r) => r.customer === customers[0]).map((r) => idOf.get(r.key));
    const onThisLaunch = mine.myBookings.filter((b) => b.launch.id === launch.id);
    expect(onThisLaunch.map((b) => b.id).sort()).toEqual([...own].sort());
    expect(onThisLaunch.every((b) => ['CONFIRMED', 'REJECTED'].includes(b.status))).toBe(true);
  }, 180_000);

  it('every booking ends decided exactly once when the sync worker is killed mid-burst', async () => {
    const launch = await launchOf(30);
    const requests = burst(launch.id, 120, customers.slice(0, 60));
    await eventually(
      async () =>
        (await prisma.booking.count({ where: { launchId: launch.id } })) >= 10 ? true : undefined,
      { timeoutMs: 60_000, what: 'the burst to reach PostgreSQL' },
    );
    await stack.kill('syncWorker', 'SIGKILL');
    const restart = stack.restart('syncWorker');
    for (const answer of await requests) expect(answer.body.errors).toBeUndefined();
    await restart;
    await expectStoresAgree(launch.id, 120, 30);
  }, 120_000);

  it('loses nothing when Redis loses the stack’s keys mid-run: the outbox and the requests are re-driven', async () => {
    const launch = await launchOf(30);
    const requests = burst(launch.id, 120, customers.slice(40, 100));
    await eventually(
      async () =>
        (await prisma.booking.count({ where: { launchId: launch.id } })) >= 10 ? true : undefined,
      { timeoutMs: 60_000, what: 'the burst to reach PostgreSQL' },
    );
    const redis = new Redis(String(stack.env.REDIS_URL));
    try {
      let deleted = 0;
      const stream = redis.scanStream({
        match: `${String(stack.env.REDIS_KEY_PREFIX)}:*`,
        count: 500,
      });
      for await (const keys of stream) {
        if ((keys as string[]).length > 0) deleted += await redis.unlink(...(keys as string[]));
      }
      expect(deleted).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
    for (const answer of await requests) expect(answer.body.errors).toBeUndefined();
    await expectStoresAgree(launch.id, 120, 30);
  }, 120_000);
});

describe('the read model follows PostgreSQL', () => {
  it("shows a supplier's change to a launch within a bounded time", async () => {
    const launch = await launchOf(10);
    const later = new Date(Date.now() + 45 * 86_400_000).toISOString();
    const changed = performance.now();
    await call(
      stack.urls.gateway,
      MORE.delayLaunch,
      { id: launch.id, scheduledAt: later, reason: 'Weather at the pad' },
      as(fleet.session),
    );
    await eventually(
      async () => {
        const { launch: seen } = await call<{ launch: { status: string; scheduledAt: string } }>(
          stack.urls.gateway,
          CONTRACT.Launch,
          { id: launch.id },
          as(customers[1]),
        );
        return seen.status === 'DELAYED' && seen.scheduledAt === later ? true : undefined;
      },
      { timeoutMs: 5_000, what: 'the delay in the read model' },
    );
    console.log(
      `a supplier's delay reached launches in ${Math.round(performance.now() - changed)} ms`,
    );
  });

  it('takes a cancelled launch off sale and cancels and refunds its bookings in both stores', async () => {
    const launch = await launchOf(10);
    const [ada, bo] = [customers[2], customers[3]];
    const booked = await Promise.all([book(ada, launch.id, 2), book(bo, launch.id, 1)]);
    const ids = booked.map((answer) => answer.body.data!.bookSeats.id);
    await settled(launch.id, 2);

    await call(
      stack.urls.gateway,
      MORE.cancelLaunch,
      { id: launch.id, reason: 'The rocket is grounded' },
      as(fleet.session),
    );
    await eventually(
      async () => {
        const copies = await bookingsInMongo
          .find({ _id: { $in: ids } })
          .lean()
          .exec();
        return copies.length === 2 && copies.every((c) => c.status === 'CANCELLED')
          ? copies
          : undefined;
      },
      { timeoutMs: 10_000, what: 'the cancellations in the read model' },
    ).then((copies) => {
      for (const copy of copies) {
        expect(copy.refundPercent).toBe(100);
        expect(copy.refundAmount).toBe(copy.totalPrice);
      }
    });
    const inPostgres = await prisma.booking.findMany({ where: { id: { in: ids } } });
    expect(inPostgres.map((b) => [b.status, b.refundAmount === b.totalPrice])).toEqual([
      ['CANCELLED', true],
      ['CANCELLED', true],
    ]);
    const onSale = await call<{ launches: { edges: { node: { id: string } }[] } }>(
      stack.urls.gateway,
      CONTRACT.Launches,
      { first: 100 },
      as(ada),
    );
    expect(onSale.launches.edges.map((edge) => edge.node.id)).not.toContain(launch.id);
    const { launch: seen } = await call<{ launch: { status: string } }>(
      stack.urls.gateway,
      CONTRACT.Launch,
      { id: launch.id },
      as(ada),
    );
    expect(seen.status).toBe('CANCELLED');
    // A refund of the whole price voids the customer's invoice, in their invoices too.
    await eventually(
      async () => {
        const { myInvoices } = await call<{ myInvoices: { status: string }[] }>(
          stack.urls.gateway,
          CONTRACT.MyInvoices,
          {},
          as(bo),
        );
        return myInvoices.some((invoice) => invoice.status === 'VOID') ? true : undefined;
      },
      { timeoutMs: 15_000, what: "the voided invoice in Bo's invoices" },
    );
  });

  it('writes SyncLog records with direction, entity, counts and lag', async () => {
    const logs = await eventually(
      async () => {
        const found = await syncLogModel(systemMongo)
          .find({ direction: SyncDirection.TO_OPERATIONAL_STORE, entity: 'booking' })
          .lean()
          .exec();
        return found.length > 0 ? found : undefined;
      },
      { what: 'sync logs' },
    );
    expect(logs[0]).toMatchObject({ trigger: 'place-booking' });
    expect(logs.reduce((sum, log) => sum + log.processed, 0)).toBeGreaterThan(0);
    expect(logs.some((log) => typeof log.lagMs === 'number')).toBe(true);
  });
});

describe('customers', () => {
  it('never see each other’s bookings, and keep a profile of their own', async () => {
    const launch = await launchOf(5);
    const [ada, bo] = [customers[4], customers[5]];
    const adas = await bookDecided(ada, launch.id);
    expect(adas.status).toBe('CONFIRMED');
    const bos = await call<{ myBookings: { id: string }[] }>(
      stack.urls.gateway,
      CONTRACT.MyBookings,
      {},
      as(bo),
    );
    expect(bos.myBookings.map((b) => b.id)).not.toContain(adas.id);
    const stolen = await gql(stack.urls.gateway, CONTRACT.CancelMyBooking, { id: adas.id }, as(bo));
    expect(errorCode(stolen)).toBe('NOT_FOUND');

    // Answered CANCELLED when PostgreSQL decides within the wait; in any case soon after.
    const cancelled = await call<{ cancelMyBooking: { id: string; status: string } }>(
      stack.urls.gateway,
      CONTRACT.CancelMyBooking,
      { id: adas.id },
      as(ada),
    );
    expect(cancelled.cancelMyBooking.id).toBe(adas.id);
    await eventually(
      async () => {
        const { myBookings } = await call<{ myBookings: { id: string; status: string }[] }>(
          stack.urls.gateway,
          CONTRACT.MyBookings,
          {},
          as(ada),
        );
        return myBookings.find((b) => b.id === adas.id)?.status === 'CANCELLED' ? true : undefined;
      },
      { what: "Ada's cancellation" },
    );

    const profile = await call<{ updateMyProfile: { id: string; email: string; name: string } }>(
      stack.urls.gateway,
      MORE.updateMyProfile,
      { input: { name: 'Ada L.', phone: '+44 20 7946 0000' } },
      as(ada),
    );
    expect(profile.updateMyProfile).toMatchObject({
      id: ada.user.id,
      email: ada.user.email,
      name: 'Ada L.',
    });
    expect(
      errorCode(
        await gql(
          stack.urls.gateway,
          MORE.updateMyProfile,
          { input: { phone: 'call me' } },
          as(ada),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('the refund if cancelled now', () => {
  const DAY_MS = 86_400_000;
  // Far enough from each tier's edge that the test's own minutes do not cross it.
  const MARGIN_DAYS = 1 / 24;
  const quoteOf = `query { myBookings { id refundAmount refundIfCancelledNow {
    cancellable reason percent amount currency quotedAt validUntil
  } } }`;
  interface Quote {
    cancellable: boolean;
    reason: string | null;
    percent: number | null;
    amount: number | null;
    currency: string;
    quotedAt: string;
    validUntil: string | null;
  }

  it('follows the policy on each side of its 30 and 7 day edges, and is what cancelling refunds', async () => {
    const customer = customers[20];
    const cases = [
      { daysAhead: 30 + MARGIN_DAYS, percent: 100, tierDays: 30 },
      { daysAhead: 30 - MARGIN_DAYS, percent: 50, tierDays: 7 },
      { daysAhead: 7 + MARGIN_DAYS, percent: 50, tierDays: 7 },
      { daysAhead: 7 - MARGIN_DAYS, percent: 0, tierDays: null },
    ];
    const launches = await Promise.all(cases.map(({ daysAhead }) => launchOf(2, { daysAhead })));
    const bookings: { id: string }[] = [];
    for (const launch of launches) {
      const booked = await bookDecided(customer, launch.id, 1);
      expect(booked.status).toBe('CONFIRMED');
      bookings.push(booked);
    }
    const quotes = async () => {
      const { myBookings } = await call<{
        myBookings: { id: string; refundAmount: number | null; refundIfCancelledNow: Quote }[];
      }>(stack.urls.gateway, quoteOf, {}, as(customer));
      return new Map(myBookings.map((b) => [b.id, b]));
    };

    const before = Date.now();
    const quoted = await quotes();
    for (const [i, { percent, tierDays }] of cases.entries()) {
      const row = await prisma.launch.findUniqueOrThrow({ where: { id: launches[i].id } });
      const quote = quoted.get(bookings[i].id)!.refundIfCancelledNow;
      expect(quote).toMatchObject({
        cancellable: true,
        reason: null,
        percent,
        amount: (250_000 * percent) / 100,
        currency: 'EUR',
        validUntil:
          tierDays === null
            ? null
            : new Date(row.scheduledAt.getTime() - tierDays * DAY_MS).toISOString(),
      });
      expect(new Date(quote.quotedAt).getTime()).toBeGreaterThanOrEqual(before - 1_000);
    }

    // Cancelling refunds what was quoted, in PostgreSQL where it is decided.
    const halfway = bookings[1];
    await call(stack.urls.gateway, CONTRACT.CancelMyBooking, { id: halfway.id }, as(customer));
    const cancelled = await eventually(
      async () => {
        const row = await prisma.booking.findUniqueOrThrow({ where: { id: halfway.id } });
        return row.status === 'CANCELLED' ? row : undefined;
      },
      { what: 'the cancellation in PostgreSQL' },
    );
    expect(cancelled.refundPercent).toBe(50);
    expect(cancelled.refundAmount).toBe(quoted.get(halfway.id)!.refundIfCancelledNow.amount);
    const after = await eventually(
      async () => {
        const booking = (await quotes()).get(halfway.id)!;
        return booking.refundAmount === null ? undefined : booking;
      },
      { what: 'the cancellation in the read model' },
    );
    expect(after.refundAmount).toBe(125_000);
    expect(after.refundIfCancelledNow).toMatchObject({
      cancellable: false,
      reason: 'The booking is already cancelled',
      percent: null,
      amount: null,
      validUntil: null,
    });

    // A launch called off: its bookings, cancelled by it, can no longer be.
    await call(
      stack.urls.gateway,
      MORE.cancelLaunch,
      { id: launches[3].id, reason: 'Range closed' },
      as(fleet.session),
    );
    const offSale = await eventually(
      async () => {
        const quote = (await quotes()).get(bookings[3].id)!.refundIfCancelledNow;
        return quote.cancellable ? undefined : quote;
      },
      { what: 'the called-off launch in the read model' },
    );
    expect(offSale.reason).toMatch(/cancelled/);
    expect(offSale.percent).toBeNull();
  });
});

describe('waitlist', () => {
  it('holds freed seats for the first in line, who is told and alone can book them, until the hold ends', async () => {
    const launch = await launchOf(2);
    const [holder, first, second, other] = customers.slice(10, 14);
    const held = await bookDecided(holder, launch.id, 2);
    expect(held.status).toBe('CONFIRMED');
    await eventually(async () => ((await seatsOnSale(launch.id, other)) === 0 ? true : undefined), {
      what: 'the launch sold out in the read model',
    });

    const join = (session: Session, seats: number) =>
      call<{ joinWaitlist: WaitlistAnswer }>(
        stack.urls.gateway,
        MORE.joinWaitlist,
        { launchId: launch.id, seats },
        as(session),
      );
    expect((await join(first, 2)).joinWaitlist).toMatchObject({ status: 'WAITING', position: 1 });
    expect((await join(second, 1)).joinWaitlist).toMatchObject({ status: 'WAITING', position: 2 });
    expect((await join(other, 1)).joinWaitlist).toMatchObject({ status: 'WAITING', position: 3 });
    const left = await call<{ leaveWaitlist: { status: string } }>(
      stack.urls.gateway,
      MORE.leaveWaitlist,
      { launchId: launch.id },
      as(other),
    );
    expect(left.leaveWaitlist.status).toBe('LEFT');

    await call(stack.urls.gateway, CONTRACT.CancelMyBooking, { id: held.id }, as(holder));
    const entry = await eventually(
      async () => {
        const { myWaitlist } = await call<{
          myWaitlist: (WaitlistAnswer & { launch: { id: string } })[];
        }>(stack.urls.gateway, MORE.myWaitlist, {}, as(first));
        return myWaitlist.find((e) => e.launch.id === launch.id && e.status === 'HOLDING');
      },
      { what: 'the first in line holding the freed seats' },
    );
    expect(new Date(entry.holdExpiresAt!).getTime()).toBeGreaterThan(Date.now());
    await eventually(
      async () => {
        const jobs = (await notificationQueue.getJobs(['waiting', 'delayed', 'prioritized'])) as {
          data: NotificationJob;
        }[];
        return jobs.some(
          (job) =>
            job.data.kind === NotificationKind.WaitlistSeatsAvailable &&
            job.data.recipient.userId === first.user.id,
        )
          ? true
          : undefined;
      },
      { what: 'the waitlist notification job' },
    );

    // Nobody else can take the held seats, in PostgreSQL where seats are decided.
    const taken = await bookDecided(other, launch.id, 1);
    expect(taken.status).toBe('REJECTED');
    expect(taken.rejectionReason).toMatch(/sold out/i);
    expect((await bookDecided(first, launch.id, 2)).status).toBe('CONFIRMED');
    await eventually(
      async () => {
        const [row] = await prisma.waitlistEntry.findMany({ where: { id: entry.id } });
        return row?.status === 'BOOKED' ? true : undefined;
      },
      { what: 'the hold used' },
    );

    // The second in line gets the next seat that frees up, and loses it when the hold ends.
    const firsts = await call<{ myBookings: { id: string; launch: { id: string } }[] }>(
      stack.urls.gateway,
      CONTRACT.MyBookings,
      {},
      as(first),
    );
    const firstBooking = firsts.myBookings.find((b) => b.launch.id === launch.id)!;
    await call(stack.urls.gateway, CONTRACT.CancelMyBooking, { id: firstBooking.id }, as(first));
    const secondEntry = await eventually(
      async () =>
        (await prisma.waitlistEntry.findFirst({
          where: { launchId: launch.id, customerUserId: second.user.id, status: 'HOLDING' },
        })) ?? undefined,
      { what: 'the second in line holding a seat' },
    );
    await prisma.waitlistEntry.update({
      where: { id: secondEntry.id },
      data: { holdExpiresAt: new Date(Date.now() - 1_000) },
    });
    await eventually(
      async () => {
        const copy = await waitlistEntryModel(customerMongo).findById(secondEntry.id).lean().exec();
        return copy?.status === 'EXPIRED' ? true : undefined;
      },
      { what: 'the expired hold in the read model' },
    );
    await eventually(async () => ((await seatsOnSale(launch.id, other)) === 2 ? true : undefined), {
      what: 'the seats back on sale',
    });
    const launchRow = await prisma.launch.findUniqueOrThrow({ where: { id: launch.id } });
    expect(launchRow.seatsSold).toBe(0);
  });
});
