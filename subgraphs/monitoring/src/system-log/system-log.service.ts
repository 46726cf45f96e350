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

function positionOf(after: string | null | undefined): LogPosition | undefined {
  if (after === undefined || after === null) return undefined;
  const [time, id] = decodeCursor(after, 2);
  if (typeof time !== 'number' || typeof id !== 'string' || !Types.ObjectId.isValid(id)) {
    throw new BadUserInputError('Invalid cursor', { argument: 'after' });
  }
  return { timestamp: new Date(time), id };
}

/** The system's logs, newest first, for operators. */
export class SystemLogService {
  constructor(private readonly logs: SystemLogRepository) {}

  async search(
    filter: SystemLogFilter | null | undefined,
    page: PageArgs,
  ): Promise<Connection<SystemLog>> {
    // GraphQL hands over an explicit null where a client wrote one: it means "not given".
    const given = filter ?? {};
    const query = {
      level: given.level ?? undefined,
      service: given.service ?? undefined,
      since: given.since ?? undefined,
      until: given.until ?? undefined,
      search: given.search || undefined,
      correlationId: given.correlationId ?? undefined,
    };
    if (query.since !== undefined && query.until !== undefined && query.since > query.until) {
      throw new BadUserInputError('`since` must not be after `until`', { argument: 'filter' });
    }
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
