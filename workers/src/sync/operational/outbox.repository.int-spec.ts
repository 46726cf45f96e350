import { createPrismaClient, type PrismaClient } from '@astrobookings/prisma';
import { dropTestDatabase, migratedDatabase } from '../../../../test/support/admin-kit';
import { OutboxRepository } from './outbox.repository';

const DAY_MS = 86_400_000;

/** The outbox as the sync worker works through it, against real PostgreSQL. */
describe('OutboxRepository (PostgreSQL)', () => {
  let databaseUrl: string;
  let prisma: PrismaClient;
  let outbox: OutboxRepository;
  const statements: string[] = [];

  beforeAll(async () => {
    databaseUrl = await migratedDatabase('astrobookings_outbox_purge');
    prisma = createPrismaClient(databaseUrl, {
      maxConnections: 2,
      onQuery: (query) => statements.push(query.query),
    });
    outbox = new OutboxRepository(prisma);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await dropTestDatabase(databaseUrl);
  });

  async function event(aggregateId: string, processedDaysAgo: number | null): Promise<string> {
    const processedAt =
      processedDaysAgo === null ? null : new Date(Date.now() - processedDaysAgo * DAY_MS);
    const row = await prisma.outboxEvent.create({
      data: {
        eventType: 'LaunchChanged',
        aggregateType: 'launch',
        aggregateId,
        payload: {},
        dispatchedAt: processedAt,
        processedAt,
      },
    });
    return row.id.toString();
  }

  it('deletes old processed events but never the latest of an aggregate or an unprocessed one', async () => {
    const oldA = [await event('a', 30), await event('a', 20)];
    const latestA = await event('a', 10);
    const onlyB = await event('b', 30);
    const recentC = [await event('c', 1), await event('c', 0)];
    const unprocessedD = [await event('d', null), await event('d', null)];
    const kept = [latestA, onlyB, ...recentC, ...unprocessedD];

    const purged = await outbox.purgeProcessed(new Date(Date.now() - 7 * DAY_MS), 1);
    const purgedRest = await outbox.purgeProcessed(new Date(Date.now() - 7 * DAY_MS), 100);

    expect({ purged, purgedRest }).toEqual({ purged: 1, purgedRest: 1 });
    const left = await prisma.outboxEvent.findMany({ orderBy: { id: 'asc' } });
    expect(left.map((row) => row.id.toString())).toEqual(kept);
    expect(left.some((row) => oldA.includes(row.id.toString()))).toBe(false);
    expect(await outbox.latestOf('launch', 'a')).toBe(latestA);
  });

  it("reads and marks concurrent jobs' events in one statement each, answering each its own", async () => {
    const ids = [await event('e', null), await event('f', null), await event('g', null)];
    statements.length = 0;

    const [first, ...rest] = await Promise.all([
      ...ids.map((id) => outbox.findById(id)),
      outbox.findById('999999999'),
      outbox.findById('not-an-id'),
    ]);
    const reads = statements.length;
    await Promise.all(ids.map((id) => outbox.markProcessed(id)));

    expect([first, ...rest].map((row) => row?.aggregateId)).toEqual([
      'e',
      'f',
      'g',
      undefined,
      undefined,
    ]);
    expect(first).toMatchObject({ id: ids[0], eventType: 'LaunchChanged', processedAt: null });
    // The first read runs alone; those arriving while it runs go together in the next.
    expect(reads).toBe(2);
    expect(statements).toHaveLength(4);
    const marked = await prisma.outboxEvent.findMany({
      where: { aggregateId: { in: ['e', 'f', 'g'] } },
    });
    expect(marked.every((row) => row.processedAt instanceof Date)).toBe(true);
  });

  it('claims the undispatched events oldest first in one statement, and gives them back when the hand-over fails', async () => {
    await prisma.outboxEvent.updateMany({ data: { dispatchedAt: new Date() } });
    const ids = [await event('h', null), await event('i', null), await event('j', null)];
    const undispatched = () =>
      prisma.outboxEvent.count({
        where: { dispatchedAt: null, aggregateId: { in: ['h', 'i', 'j'] } },
      });

    await expect(
      outbox.dispatchBatch(10, () => Promise.reject(new Error('Redis is away'))),
    ).rejects.toThrow('Redis is away');
    expect(await undispatched()).toBe(3);

    const handed: string[][] = [];
    statements.length = 0;
    const first = await outbox.dispatchBatch(2, (batch) => {
      handed.push(batch);
      return Promise.resolve();
    });
    expect(statements).toHaveLength(1);
    const rest = await outbox.dispatchBatch(2, (batch) => {
      handed.push(batch);
      return Promise.resolve();
    });
    const none = await outbox.dispatchBatch(2, () => Promise.reject(new Error('not called')));

    expect({ first, rest, none }).toEqual({ first: 2, rest: 1, none: 0 });
    expect(handed).toEqual([[ids[0], ids[1]], [ids[2]]]);
    expect(await undispatched()).toBe(0);
  });
});
