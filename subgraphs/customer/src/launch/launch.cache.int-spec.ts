import {
  catalogChannel,
  createLogger,
  createRedis,
  createRedisSubscriber,
  launchViewModel,
  readConfig,
  type CatalogChange,
  type LaunchViewModel,
  type LaunchViewRecord,
} from '@astrobookings/shared';
import type { Redis } from 'ioredis';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CachedLaunchViewRepository } from './launch.cache';
import { LaunchViewRepository, type SaleFilter } from './launch.repository';

/**
 * The in-memory catalog against the customer store it mirrors: every page and
 * count as the store answers them, and announcements that keep it current.
 */

const RUN = randomUUID().slice(0, 8);
const stores = readConfig('launch-cache-int', ['customerMongo', 'redis']);
const logger = createLogger('launch-cache-int', { level: 'silent' });
const DAY = 86_400_000;
const NOW = new Date();

let mongo: Connection;
let model: LaunchViewModel;
let store: LaunchViewRepository;
let subscriber: Redis;
let publisher: Redis;
let cache: CachedLaunchViewRepository;
/** What the catalog does each time it announces that it applied changes. */
let onApplied = () => {};
const channel = catalogChannel(`test_cache_${RUN}`);

function launch(n: number, overrides: Partial<LaunchViewRecord> = {}): LaunchViewRecord {
  const destination = ['Lunar orbit', 'Mars transfer', 'Low Earth orbit'][n % 3];
  return {
    _id: `launch-${String(n).padStart(3, '0')}`,
    supplierId: 'supplier-1',
    rocketId: `rocket-${n % 2}`,
    rocketName: `Rocket ${n % 2}`,
    mission: `Mission ${n}`,
    destination,
    destinationKey: destination.toLowerCase(),
    // Pairs share a departure, so the id decides their order.
    scheduledAt: new Date(NOW.getTime() + (Math.floor(n / 2) - 3) * DAY),
    status: n % 7 === 0 ? 'CANCELLED' : n % 5 === 0 ? 'DELAYED' : 'SCHEDULED',
    statusReason: null,
    pricePerSeat: 1_000 + n,
    currency: 'EUR',
    seatCapacity: 10,
    seatsAvailable: 10 - (n % 10),
    spaceport: { id: `port-${n % 3}`, name: `Port ${n % 3}`, location: 'Kourou' },
    version: 1,
    syncedAt: NOW,
    ...overrides,
  };
}

async function announce(change: CatalogChange): Promise<void> {
  await publisher.publish(channel, JSON.stringify(change));
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the catalog never caught up');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every page of `filter`, following cursors, from one repository. */
async function allPages(repository: LaunchViewRepository, filter: SaleFilter, size: number) {
  const pages: string[][] = [];
  let after: { scheduledAt: Date; id: string } | undefined;
  for (;;) {
    const page = await repository.pageOnSale(filter, NOW, size, after);
    if (page.length === 0) return pages;
    pages.push(page.map((row) => row.id));
    const last = page[page.length - 1];
    after = { scheduledAt: last.scheduledAt, id: last.id };
  }
}

const FILTERS: SaleFilter[] = [
  {},
  { destinationKey: 'lunar orbit' },
  { spaceportId: 'port-1' },
  { from: new Date(NOW.getTime() + 2 * DAY) },
  { to: new Date(NOW.getTime() + 6 * DAY) },
  { destinationKey: 'mars transfer', from: NOW, to: new Date(NOW.getTime() + 10 * DAY) },
  { destinationKey: 'nowhere' },
];

beforeAll(async () => {
  const url = new URL(stores.customerMongo.url);
  url.pathname = `/astro_customer_test_cache_${RUN}`;
  mongo = await mongoose.createConnection(url.toString()).asPromise();
  model = launchViewModel(mongo);
  await model.insertMany(Array.from({ length: 40 }, (_, n) => launch(n)));
  store = new LaunchViewRepository(model);
  subscriber = createRedisSubscriber(stores.redis.url);
  publisher = createRedis(stores.redis.url, 'launch-cache-int');
  cache = new CachedLaunchViewRepository(
    model,
    subscriber,
    channel,
    { reloadMs: 60_000, maxAgeSeconds: 60 },
    logger,
    () => onApplied(),
  );
  await cache.start();
  await cache.reload();
});

afterAll(async () => {
  cache?.stop();
  subscriber?.disconnect();
  publisher?.disconnect();
  await mongo?.dropDatabase();
  await mongo?.close();
});

it('pages and counts every filter exactly as the store does', async () => {
  for (const filter of FILTERS) {
    expect(await allPages(cache, filter, 4)).toEqual(await allPages(store, filter, 4));
    expect(await cache.countOnSale(filter, NOW)).toBe(await store.countOnSale(filter, NOW));
  }
});

it('follows announced launches: a new one, a moved one, one no longer on sale', async () => {
  await model.create(launch(100, { scheduledAt: new Date(NOW.getTime() + 1.5 * DAY) }));
  await model.updateOne({ _id: 'launch-012' }, { scheduledAt: new Date(NOW.getTime() + 30 * DAY) });
  await model.updateOne({ _id: 'launch-013' }, { status: 'CANCELLED' });
  for (const id of ['launch-100', 'launch-012', 'launch-013'])
    await announce({ kind: 'launch', id });
  await eventually(async () => (await cache.findById('launch-100')) !== undefined);
  await eventually(
    async () =>
      JSON.stringify(await allPages(cache, {}, 5)) === JSON.stringify(await allPages(store, {}, 5)),
  );
  expect(
    await cache.countOnSale({ destinationKey: 'lunar orbit' }, new Date(NOW.getTime() + 1)),
  ).toBe(await store.countOnSale({ destinationKey: 'lunar orbit' }, new Date(NOW.getTime() + 1)));
});

it('renames a rocket and moves a spaceport from the announcement alone', async () => {
  await announce({ kind: 'rocket', id: 'rocket-1', name: 'Renamed' });
  await announce({ kind: 'spaceport', id: 'port-2', name: 'Port Two', location: 'Cape' });
  await eventually(async () => (await cache.findById('launch-001'))?.rocketName === 'Renamed');
  await eventually(async () => (await cache.findById('launch-002'))?.spaceport.name === 'Port Two');
  expect((await cache.findById('launch-002'))?.spaceport).toEqual({
    id: 'port-2',
    name: 'Port Two',
    location: 'Cape',
  });
});

it('announces each change it applied once it answers with it', async () => {
  const answeredThen: Promise<string | null | undefined>[] = [];
  onApplied = () => answeredThen.push(cache.findById('launch-004').then((l) => l?.rocketName));
  try {
    await announce({ kind: 'rocket', id: 'rocket-0', name: 'Applied' });
    await eventually(() => Promise.resolve(answeredThen.length > 0));
    expect(await Promise.all(answeredThen)).toEqual(['Applied']);
  } finally {
    onApplied = () => {};
  }
});

it('promises its answers hold until the next departure', async () => {
  const [next] = await store.pageOnSale({}, NOW, 1, undefined);
  expect(cache.unchangedForMs(NOW)).toBe(next.scheduledAt.getTime() - NOW.getTime());
  expect(store.unchangedForMs(NOW)).toBe(0);
});

it('reads everything again on a reload announcement (a bulk import)', async () => {
  await model.insertMany(
    Array.from({ length: 20 }, (_, i) => launch(200 + i, { status: 'SCHEDULED' })),
  );
  await announce({ kind: 'reload' });
  await eventually(
    async () => (await cache.countOnSale({}, NOW)) === (await store.countOnSale({}, NOW)),
  );
  expect(await allPages(cache, {}, 7)).toEqual(await allPages(store, {}, 7));
});

it('answers launches not on sale, and several at once, from the store', async () => {
  const cancelled = await cache.findById('launch-014');
  expect(cancelled?.status).toBe('CANCELLED');
  const found = await cache.findByIds(['launch-001', 'launch-014', 'missing']);
  expect([...found.keys()].sort()).toEqual(['launch-001', 'launch-014']);
});
