import { createQueue, QUEUE_NAMES } from '@astrobookings/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectPostgres } from '../../scripts/lib/postgres';
import type { Stack } from '../../test/support/stack';

const GIVE_UP_MS = 300_000;

/**
 * Waits until the system has caught up with the last benchmark: no outbox
 * event unprocessed, no job waiting or running. A figure measured over the
 * previous one's backlog would be the backlog's.
 * @returns how long it took
 */
export async function settle(stack: Stack): Promise<number> {
  const started = performance.now();
  const queues = QUEUE_NAMES.map((name) =>
    createQueue(name, { redisUrl: stack.env.REDIS_URL!, prefix: stack.env.REDIS_KEY_PREFIX! }),
  );
  const db = await connectPostgres(stack.env.DATABASE_URL!);
  try {
    for (;;) {
      const counts = await Promise.all(
        queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
      );
      const jobs = counts.reduce(
        (sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0),
        0,
      );
      const outbox = await db.query<{ count: string }>(
        'SELECT count(*) AS count FROM outbox_events WHERE processed_at IS NULL',
      );
      if (jobs === 0 && Number(outbox.rows[0].count) === 0) break;
      if (performance.now() - started > GIVE_UP_MS) {
        throw new Error(`still ${jobs} jobs and ${outbox.rows[0].count} outbox events after 5 min`);
      }
      await sleep(250);
    }
  } finally {
    await db.end();
    await Promise.all(queues.map((queue) => queue.close()));
  }
  return performance.now() - started;
}
