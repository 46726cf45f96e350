import type { PrismaClient } from '@astrobookings/prisma';
import { GroupCommit } from '@astrobookings/shared';

export interface OutboxEventRow {
  /** outbox_events.id, a bigint, as text. */
  id: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  correlationId: string | null;
  createdAt: Date;
  processedAt: Date | null;
}

const MAX_ERROR_CHARS = 1_000;

/**
 * The Admin subgraph's transactional outbox, as the sync worker works through it:
 * the source of truth for what still has to reach the customer store and mail.
 */
export class OutboxRepository {
  /** Concurrent jobs' reads of their events, one statement per batch (see GroupCommit). */
  private readonly reads: GroupCommit<string, OutboxEventRow | undefined>;
  /** Concurrent jobs' marks, one statement per batch. */
  private readonly marks: GroupCommit<string, void>;

  constructor(private readonly prisma: PrismaClient) {
    this.reads = new GroupCommit(async (ids) => {
      const rows = new Map((await this.findByIds(ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id));
    });
    this.marks = new GroupCommit(async (ids) => {
      await this.prisma.$executeRaw`
        UPDATE outbox_events SET processed_at = now(), last_error = NULL
         WHERE id = ANY(${ids}::bigint[]) AND processed_at IS NULL`;
      return ids.map(() => undefined);
    });
  }

  /**
   * Claims up to `limit` events nobody has handed to the queue yet, oldest first,
   * and hands their ids to `dispatch`. One statement claims and marks them
   * dispatched (claims of concurrent relays skip each other's rows); when
   * `dispatch` fails they are given back for the next claim. Should the process
   * die in between, they are dispatched without a job, which is what the
   * re-drive looks for.
   */
  async dispatchBatch(limit: number, dispatch: (ids: string[]) => Promise<void>): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ id: bigint }[]>`
      UPDATE outbox_events SET dispatched_at = now()
       WHERE id IN (
         SELECT id FROM outbox_events
          WHERE dispatched_at IS NULL
          ORDER BY id
          LIMIT ${limit}
            FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (rows.length === 0) return 0;
    const ids = rows
      .map((row) => row.id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map(String);
    try {
      await dispatch(ids);
    } catch (error) {
      await this.prisma.$executeRaw`
        UPDATE outbox_events SET dispatched_at = NULL
         WHERE id = ANY(${ids}::bigint[]) AND processed_at IS NULL`.catch(() => undefined);
      throw error;
    }
    return ids.length;
  }

  findById(id: string): Promise<OutboxEventRow | undefined> {
    // Not an event id at all (a job's data is only as good as whoever wrote it): kept out of the batch.
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(undefined);
    return this.reads.submit(id);
  }

  markProcessed(id: string): Promise<void> {
    return this.marks.submit(id);
  }

  private async findByIds(ids: readonly string[]): Promise<OutboxEventRow[]> {
    const rows = await this.prisma.$queryRaw<
      {
        id: bigint;
        event_type: string;
        aggregate_type: string;
        aggregate_id: string;
        payload: unknown;
        correlation_id: string | null;
        created_at: Date;
        processed_at: Date | null;
      }[]
    >`
      SELECT id, event_type, aggregate_type, aggregate_id, payload, correlation_id, created_at, processed_at
        FROM outbox_events WHERE id = ANY(${ids}::bigint[])`;
    return rows.map((row) => ({
      id: row.id.toString(),
      eventType: row.event_type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      payload: row.payload,
      correlationId: row.correlation_id,
      createdAt: row.created_at,
      processedAt: row.processed_at,
    }));
  }

  async recordFailure(id: string, error: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE outbox_events
         SET attempts = attempts + 1, last_error = ${error.slice(0, MAX_ERROR_CHARS)}
       WHERE id = ${id}::bigint`;
  }

  /** Events handed to the queue before `cutoff` and still unprocessed, oldest first. */
  async listStale(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM outbox_events
       WHERE processed_at IS NULL AND dispatched_at < ${cutoff}
       ORDER BY id
       LIMIT ${limit}`;
    return rows.map((row) => row.id.toString());
  }

  /** Events not processed yet, and how long the oldest of them has waited. */
  async backlog(): Promise<{ count: number; oldestAgeMs: number }> {
    const [row] = await this.prisma.$queryRaw<{ count: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS count, min(created_at) AS oldest
        FROM outbox_events WHERE processed_at IS NULL`;
    return {
      count: Number(row?.count ?? 0),
      oldestAgeMs: row?.oldest ? Math.max(0, Date.now() - row.oldest.getTime()) : 0,
    };
  }

  /**
   * Deletes up to `limit` events processed before `cutoff`, except the latest of
   * each aggregate (its id is the version of the aggregate's copy, see
   * latestOf). Returns how many went.
   */
  async purgeProcessed(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM outbox_events
       WHERE id IN (
         SELECT old.id FROM outbox_events old
          WHERE old.processed_at < ${cutoff}
            AND EXISTS (
              SELECT 1 FROM outbox_events newer
               WHERE newer.aggregate_type = old.aggregate_type
                 AND newer.aggregate_id = old.aggregate_id
                 AND newer.id > old.id)
          ORDER BY old.processed_at
          LIMIT ${limit})`;
  }

  /** The id of the latest event of one aggregate: the version of its copy. */
  async latestOf(aggregateType: string, aggregateId: string): Promise<string | undefined> {
    const [row] = await this.prisma.$queryRaw<{ id: bigint | null }[]>`
      SELECT max(id) AS id FROM outbox_events
       WHERE aggregate_type = ${aggregateType} AND aggregate_id = ${aggregateId}`;
    return row?.id?.toString() ?? undefined;
  }
}
