import mongoose, { Types, type Connection } from 'mongoose';
import { MonitorWatchdog } from '../stores/mongo-monitor-watchdog';
import type { DestinationStream } from 'pino';
import {
  LOG_LEVEL_LABELS,
  systemLogModel,
  type LogLevelLabel,
  type SystemLogRecord,
} from '../system-store/system-log.model';

export interface LogShippingSettings {
  /** The process's service name, for the lines the stream writes about itself. */
  service: string;
  /** The system store (SYSTEM_MONGO_URL). */
  url: string;
  /** Lines per insertMany; reaching it also triggers a flush before the timer. */
  batchSize: number;
  flushIntervalMs: number;
  /** Lines held while the store is unreachable; past this the oldest are dropped and counted. */
  maxBufferedLines: number;
}

const MAX_MESSAGE_CHARS = 8_000;
const MAX_CONTEXT_CHARS = 16_000;
const MAX_BACKOFF_MS = 30_000;
const PINO_LEVELS: Record<number, LogLevelLabel> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

function levelOf(value: unknown): LogLevelLabel {
  if (typeof value === 'number') return PINO_LEVELS[value] ?? 'info';
  return (LOG_LEVEL_LABELS as readonly unknown[]).includes(value)
    ? (value as LogLevelLabel)
    : 'info';
}

function timeOf(value: unknown, fallback: Date): Date {
  if (typeof value !== 'string' && typeof value !== 'number') return fallback;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? fallback : time;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max)}…[truncated]`;
}

/** One pino JSON line as a `system_logs` document. */
export function toSystemLogRecord(line: string, now: Date): SystemLogRecord {
  let fields: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    fields =
      parsed !== null && typeof parsed === 'object'
        ? (parsed as Record<string, unknown>)
        : { msg: line };
  } catch {
    fields = { msg: line.trim() };
  }
  const {
    level,
    time,
    service,
    msg,
    correlationId,
    // Where a line came from is the service; host and pid only add noise to every document.
    pid: _pid,
    hostname: _hostname,
    ...context
  } = fields;
  const record: SystemLogRecord = {
    _id: new Types.ObjectId(),
    timestamp: timeOf(time, now),
    level: levelOf(level),
    service: typeof service === 'string' ? service : 'unknown',
    message: truncate(typeof msg === 'string' ? msg : '', MAX_MESSAGE_CHARS),
    shippedAt: now,
  };
  if (typeof correlationId === 'string') record.correlationId = correlationId;
  if (Object.keys(context).length > 0) {
    record.context = truncate(JSON.stringify(context), MAX_CONTEXT_CHARS);
  }
  return record;
}

interface BulkWriteFailure {
  writeErrors?: unknown;
}

/** A bulk insert that reached the store: each document is in, a duplicate, or refused for good. */
function reachedStore(error: unknown): boolean {
  return Array.isArray((error as BulkWriteFailure | null)?.writeErrors);
}

function refusedCount(error: unknown): number {
  const errors = (error as { writeErrors: { code?: number }[] }).writeErrors;
  // A duplicate is a line a previous attempt inserted before its reply was lost.
  return errors.filter((writeError) => writeError.code !== 11000).length;
}

/**
 * A pino destination that ships log lines to the system store's `system_logs`
 * in batches. `write` only appends to memory, so logging never waits for
 * MongoDB. While the store is unreachable lines stay buffered and the batch is
 * retried with backoff (documents keep their _id, so a retry after a lost
 * reply inserts nothing twice); only past `maxBufferedLines` are the oldest
 * dropped, and the drop is counted in a warning line once the store is back.
 * The connection is opened on the first flush, so the stream can exist before
 * the process has connected to anything.
 */
export class MongoLogStream implements DestinationStream {
  private buffer: string[] = [];
  /** The batch being inserted (or waiting to be retried), already converted. */
  private pending: SystemLogRecord[] = [];
  private flushing?: Promise<void>;
  private connection?: Promise<Connection>;
  private failures = 0;
  private retryAt = 0;
  private dropped = 0;
  private refused = 0;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly settings: LogShippingSettings,
    private readonly report: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.timer = setInterval(() => this.flushSoon(), settings.flushIntervalMs);
    this.timer.unref();
  }

  /** Lines waiting to be shipped (for tests and diagnostics). */
  get backlog(): number {
    return this.buffer.length + this.pending.length;
  }

  write(line: string): void {
    if (this.closed) return;
    this.buffer.push(line);
    const excess = this.backlog - this.settings.maxBufferedLines;
    if (excess > 0) {
      if (this.dropped === 0) {
        this.report(
          `log shipping: system store unreachable and ${this.settings.maxBufferedLines} lines buffered; dropping the oldest`,
        );
      }
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
    if (this.buffer.length >= this.settings.batchSize) this.flushSoon();
  }

  /** Starts a flush unless one is running or the store is being given time to come back. */
  private flushSoon(): void {
    if (this.flushing !== undefined || Date.now() < this.retryAt || this.backlog === 0) return;
    this.flushing = this.flushAll().finally(() => {
      this.flushing = undefined;
    });
  }

  /** Ships batch after batch until the buffer is empty or the store fails. */
  private async flushAll(): Promise<void> {
    while (this.backlog > 0 || this.dropped > 0 || this.refused > 0) {
      if (!(await this.shipBatch())) return;
      if (this.closed && this.backlog === 0) return;
    }
  }

  private async shipBatch(): Promise<boolean> {
    const now = new Date();
    if (this.pending.length === 0) {
      this.pending = this.buffer
        .splice(0, this.settings.batchSize)
        .map((line) => toSystemLogRecord(line, now));
      this.pending.push(...this.lossReport(now));
    }
    try {
      const collection = systemLogModel(await this.connect()).collection;
      await collection.insertMany(this.pending, { ordered: false });
    } catch (error) {
      if (!reachedStore(error)) {
        this.failures += 1;
        this.retryAt =
          Date.now() + Math.min(this.settings.flushIntervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
        return false;
      }
      this.refused += refusedCount(error);
    }
    this.pending = [];
    this.failures = 0;
    this.retryAt = 0;
    return true;
  }

  /** A warning line for what was lost since the last report, shipped with the next batch. */
  private lossReport(now: Date): SystemLogRecord[] {
    if (this.dropped === 0 && this.refused === 0) return [];
    const message = `log shipping lost lines: ${this.dropped} dropped past the buffer bound while the system store was unreachable, ${this.refused} refused by the store`;
    this.report(`log shipping: ${message}`);
    const record = toSystemLogRecord(
      JSON.stringify({
        level: 'warn',
        time: now.toISOString(),
        service: this.settings.service,
        msg: message,
        dropped: this.dropped,
        refused: this.refused,
      }),
      now,
    );
    this.dropped = 0;
    this.refused = 0;
    return [record];
  }

  private connect(): Promise<Connection> {
    if (this.connection === undefined) {
      const connection = mongoose.createConnection(this.settings.url, {
        serverSelectionTimeoutMS: 5_000,
        maxPoolSize: 2,
        // Shipping must fail fast and retry on its own schedule, not queue inside mongoose.
        bufferCommands: false,
        autoIndex: false,
      });
      MonitorWatchdog.watch(connection);
      this.connection = connection.asPromise().catch(async (error: unknown) => {
        // The next flush starts over with a new connection.
        this.connection = undefined;
        await connection.close().catch(() => undefined);
        throw error;
      });
    }
    return this.connection;
  }

  /**
   * Ships what is buffered (for at most `timeoutMs`) and closes the connection;
   * lines written afterwards are ignored.
   */
  async close(timeoutMs = 3_000): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    while (this.backlog > 0 && Date.now() < deadline) {
      this.retryAt = 0;
      this.flushSoon();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.flushing,
        new Promise((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        }),
      ]);
      clearTimeout(timer);
      if (this.failures > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (this.backlog > 0) {
      this.report(`log shipping: ${this.backlog} lines not shipped at shutdown`);
    }
    const connection = await this.connection?.catch(() => undefined);
    await connection?.close();
  }
}

export interface LogShipper {
  /** Destinations for createLogger's `streams`. */
  streams: DestinationStream[];
  /** Ships what is left; register it first at shutdown so it runs last. */
  close(): Promise<void>;
}

/**
 * The log shipping of a process from its configuration (`systemMongo` and
 * `logShipping` sections), created before the logger: nothing connects until
 * the first batch.
 */
export function createLogShipper(
  service: string,
  config: {
    systemMongo: { url: string };
    logShipping: Omit<LogShippingSettings, 'url' | 'service'> & { enabled: boolean };
  },
): LogShipper {
  if (!config.logShipping.enabled) return { streams: [], close: () => Promise.resolve() };
  const stream = new MongoLogStream({
    ...config.logShipping,
    service,
    url: config.systemMongo.url,
  });
  return { streams: [stream], close: () => stream.close() };
}
