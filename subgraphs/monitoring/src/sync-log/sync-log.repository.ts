import type { QueryFilter } from 'mongoose';
import type { SyncDirection, SyncLogModel, SyncLogRecord } from '@astrobookings/shared';

export interface SyncLogQuery {
  direction?: SyncDirection;
  entity?: string;
  since?: Date;
  /** Only runs with failures. */
  failedOnly?: boolean;
}

/** The sync worker's run records in the system store's `sync_logs`. */
export class SyncLogRepository {
  constructor(private readonly syncLogs: SyncLogModel) {}

  async ensureIndexes(): Promise<void> {
    await this.syncLogs.createIndexes();
  }

  /** The latest runs matching `query`, newest first. */
  findLatest(query: SyncLogQuery, limit: number): Promise<SyncLogRecord[]> {
    const filter: QueryFilter<SyncLogRecord> = {};
    if (query.direction !== undefined) filter.direction = query.direction;
    if (query.entity !== undefined) filter.entity = query.entity;
    if (query.since !== undefined) filter.finishedAt = { $gte: query.since };
    if (query.failedOnly === true) filter.failed = { $gt: 0 };
    return this.syncLogs
      .find(filter)
      .sort({ finishedAt: -1, _id: -1 })
      .limit(limit)
      .lean<SyncLogRecord[]>()
      .exec();
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const result = await this.syncLogs.deleteMany({ finishedAt: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }
}
