import { SYNC_JOB_PRIORITY, SyncJobName, syncJobIds, type Logger } from '@astrobookings/shared';
import type { Queue } from 'bullmq';
import { FAILED_RETRY_FACTOR, redrive } from '../job-redrive';
import type { OutboxRepository } from '../operational/outbox.repository';

export interface RelaySettings {
  batchSize: number;
  /** Unprocessed this long after dispatch, an event's job is checked for. */
  redriveAfterMs: number;
  /** Processed events are kept this long (for audits and re-drives), then purged. */
  retentionMs: number;
}

/** Rows deleted per statement when purging, so no statement holds locks for long. */
const PURGE_BATCH = 5_000;

/** Batches per tick, so one tick never runs unbounded while events keep arriving. */
const MAX_BATCHES_PER_TICK = 20;

/**
 * Moves PostgreSQL's outbox to the sync queue: claims undispatched events, adds
 * one job per event (its id derived from the event's), marks them dispatched.
 * Events dispatched but still unprocessed after a while are checked against the
 * queue and re-driven when their job is gone, so a Redis that lost its data
 * loses no event: the outbox, not Redis, says what is left to do.
 */
export class OutboxRelay {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: Queue,
    private readonly settings: RelaySettings,
    private readonly logger: Logger,
  ) {}

  async dispatchPending(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const count = await this.outbox.dispatchBatch(this.settings.batchSize, async (ids) => {
        await this.queue.addBulk(
          ids.map((eventId) => ({
            name: SyncJobName.OutboxEvent,
            data: { eventId },
            opts: {
              jobId: syncJobIds.outboxEvent(eventId),
              priority: SYNC_JOB_PRIORITY[SyncJobName.OutboxEvent],
            },
          })),
        );
      });
      total += count;
      if (count < this.settings.batchSize) break;
    }
    return total;
  }

  /** Deletes the events processed longer ago than the retention (the latest of each aggregate stays). */
  async purgeProcessed(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.settings.retentionMs);
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const count = await this.outbox.purgeProcessed(cutoff, PURGE_BATCH);
      total += count;
      if (count < PURGE_BATCH) break;
    }
    if (total > 0) this.logger.info({ purged: total, cutoff }, 'purged processed outbox events');
    return total;
  }

  async redriveStale(now: Date): Promise<number> {
    const stale = await this.outbox.listStale(
      new Date(now.getTime() - this.settings.redriveAfterMs),
      this.settings.batchSize,
    );
    let redriven = 0;
    for (const eventId of stale) {
      const result = await redrive(
        this.queue,
        SyncJobName.OutboxEvent,
        { eventId },
        syncJobIds.outboxEvent(eventId),
        this.settings.redriveAfterMs * FAILED_RETRY_FACTOR,
        now,
      );
      if (result !== 'present') redriven += 1;
    }
    if (redriven > 0) this.logger.warn({ redriven }, 're-drove outbox events whose jobs were gone');
    return redriven;
  }
}
