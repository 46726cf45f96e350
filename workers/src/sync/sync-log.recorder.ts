import {
  currentCorrelationId,
  type Logger,
  type SyncDirection,
  type SyncLogModel,
} from '@astrobookings/shared';
import { randomUUID } from 'node:crypto';

/** One item a sync run looked at. */
export interface SyncItem {
  direction: SyncDirection;
  entity: string;
  trigger: string;
  outcome: 'applied' | 'skipped' | 'failed';
  /** From the change in the source store to its arrival in the target. */
  lagMs?: number;
  error?: string;
}

interface Tally {
  direction: SyncDirection;
  entity: string;
  trigger: string;
  processed: number;
  applied: number;
  skipped: number;
  failed: number;
  lagMs: number | null;
  errorMessages: string[];
  startedAt: Date;
  finishedAt: Date;
}

const MAX_ERRORS = 20;

/**
 * The SyncLog: what the sync worker carried, counted per direction, entity and
 * trigger over each flush interval and written to the system store's
 * `sync_logs` as one record per interval, so a burst of a thousand bookings is
 * a handful of records, not a thousand.
 */
export class SyncLogRecorder {
  private tallies = new Map<string, Tally>();

  constructor(
    private readonly logs: SyncLogModel,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.logs.createIndexes();
  }

  /** Counts `times` items alike (one by default). */
  record(item: SyncItem, times = 1): void {
    if (times <= 0) return;
    const key = `${item.direction}/${item.entity}/${item.trigger}`;
    const now = this.clock();
    let tally = this.tallies.get(key);
    if (tally === undefined) {
      tally = {
        direction: item.direction,
        entity: item.entity,
        trigger: item.trigger,
        processed: 0,
        applied: 0,
        skipped: 0,
        failed: 0,
        lagMs: null,
        errorMessages: [],
        startedAt: now,
        finishedAt: now,
      };
      this.tallies.set(key, tally);
    }
    tally.processed += times;
    tally[item.outcome] += times;
    tally.finishedAt = now;
    if (item.lagMs !== undefined) tally.lagMs = Math.max(tally.lagMs ?? 0, Math.round(item.lagMs));
    if (item.error !== undefined && tally.errorMessages.length < MAX_ERRORS) {
      tally.errorMessages.push(item.error);
    }
  }

  /** Writes what was counted since the last flush. */
  async flush(): Promise<void> {
    if (this.tallies.size === 0) return;
    const tallies = [...this.tallies.values()];
    this.tallies = new Map();
    try {
      await this.logs.insertMany(
        tallies.map((tally) => ({
          _id: randomUUID(),
          ...tally,
          correlationId: currentCorrelationId(),
        })),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, records: tallies.length },
        'could not write the SyncLog; kept for the next flush',
      );
      for (const tally of tallies) this.restore(tally);
    }
  }

  private restore(tally: Tally): void {
    const key = `${tally.direction}/${tally.entity}/${tally.trigger}`;
    const newer = this.tallies.get(key);
    if (newer === undefined) {
      this.tallies.set(key, tally);
      return;
    }
    newer.processed += tally.processed;
    newer.applied += tally.applied;
    newer.skipped += tally.skipped;
    newer.failed += tally.failed;
    newer.lagMs = Math.max(newer.lagMs ?? 0, tally.lagMs ?? 0);
    newer.errorMessages = [...tally.errorMessages, ...newer.errorMessages].slice(0, MAX_ERRORS);
    newer.startedAt = tally.startedAt;
  }
}
