import { Types, type QueryFilter } from 'mongoose';
import type { LogLevelLabel, SystemLogModel, SystemLogRecord } from '@astrobookings/shared';

export interface SystemLogQuery {
  level?: LogLevelLabel;
  service?: string;
  since?: Date;
  until?: Date;
  /** Matched anywhere in the message, as literal text, ignoring case. */
  search?: string;
  correlationId?: string;
}

/** Where the previous page ended: newest first, so the next page is older. */
export interface LogPosition {
  timestamp: Date;
  id: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function filterOf(query: SystemLogQuery): QueryFilter<SystemLogRecord> {
  const filter: QueryFilter<SystemLogRecord> = {};
  if (query.level !== undefined) filter.level = query.level;
  if (query.service !== undefined) filter.service = query.service;
  if (query.correlationId !== undefined) filter.correlationId = query.correlationId;
  if (query.since !== undefined || query.until !== undefined) {
    filter.timestamp = {
      ...(query.since === undefined ? {} : { $gte: query.since }),
      ...(query.until === undefined ? {} : { $lte: query.until }),
    };
  }
  if (query.search !== undefined) {
    filter.message = { $regex: escapeRegExp(query.search), $options: 'i' };
  }
  return filter;
}

/** The shipped log lines in the system store's `system_logs`. */
export class SystemLogRepository {
  constructor(private readonly logs: SystemLogModel) {}

  async ensureIndexes(): Promise<void> {
    await this.logs.createIndexes();
  }

  /** Up to `limit` lines matching `query`, newest first, after `position`. */
  async findNewestFirst(
    query: SystemLogQuery,
    position: LogPosition | undefined,
    limit: number,
  ): Promise<SystemLogRecord[]> {
    const filter = filterOf(query);
    if (position !== undefined) {
      const id = new Types.ObjectId(position.id);
      filter.$or = [
        { timestamp: { $lt: position.timestamp } },
        { timestamp: position.timestamp, _id: { $lt: id } },
      ];
    }
    return this.logs
      .find(filter)
      .sort({ timestamp: -1, _id: -1 })
      .limit(limit)
      .lean<SystemLogRecord[]>()
      .exec();
  }

  // Async, so a bad query rejects like findNewestFirst's instead of throwing beside it.
  async count(query: SystemLogQuery): Promise<number> {
    return await this.logs.countDocuments(filterOf(query)).exec();
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const result = await this.logs.deleteMany({ timestamp: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }
}
