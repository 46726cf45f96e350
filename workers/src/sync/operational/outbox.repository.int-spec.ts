import { createPrismaClient, type PrismaClient } from '@astrobookings/prisma';
import { dropTestDatabase, migratedDatabase } from '../../../../test/support/admin-kit';
import { OutboxRepository } from './outbox.repository';

const DAY_MS = 86_400_000;

/** The outbox's retention against real PostgreSQL. */
describe('OutboxRepository.purgeProcessed (PostgreSQL)', () => {
  let databaseUrl: string;
  let prisma: PrismaClient;
  let outbox: OutboxRepository;

  beforeAll(async () => {
    databaseUrl = await migratedDatabase('astrobookings_outbox_purge');
    prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
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
});
