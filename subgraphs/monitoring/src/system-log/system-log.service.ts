import {
  BadUserInputError,
  decodeCursor,
  pageSize,
  toConnection,
  type Connection,
  type PageArgs,
  type SystemLogRecord,
} from '@astrobookings/shared';
import { Types } from 'mongoose';
import type { SystemLogFilter } from './system-log.input';
import type { LogPosition, SystemLogRepository } from './system-log.repository';
import type { LogLevel, SystemLog } from './system-log.type';

function toView(record: SystemLogRecord): SystemLog {
  return {
    id: record._id.toHexString(),
    timestamp: record.timestamp,
    level: record.level as LogLevel,
    service: record.service,
    message: record.message,
    correlationId: record.correlationId ?? null,
    context: record.context ?? null,
  };
}

function positionOf(after: string | undefined): LogPosition | undefined {
  if (after === undefined) return undefined;
  const [time, id] = decodeCursor(after, 2);
  if (typeof time !== 'number' || typeof id !== 'string' || !Types.ObjectId.isValid(id)) {
    throw new BadUserInputError('Invalid cursor', { argument: 'after' });
  }
  return { timestamp: new Date(time), id };
}

/** The system's logs, newest first, for operators. */
export class SystemLogService {
  constructor(private readonly logs: SystemLogRepository) {}

  async search(filter: SystemLogFilter = {}, page: PageArgs): Promise<Connection<SystemLog>> {
    if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
      throw new BadUserInputError('`since` must not be after `until`', { argument: 'filter' });
    }
    const query = {
      level: filter.level,
      service: filter.service,
      since: filter.since,
      until: filter.until,
      search: filter.search === '' ? undefined : filter.search,
      correlationId: filter.correlationId,
    };
    const size = pageSize(page);
    const [records, totalCount] = await Promise.all([
      this.logs.findNewestFirst(query, positionOf(page.after), size + 1),
      this.logs.count(query),
    ]);
    return toConnection(records.map(toView), size, totalCount, (log) => [
      log.timestamp.getTime(),
      log.id,
    ]);
  }
}
