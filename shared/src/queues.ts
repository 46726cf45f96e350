import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';

/** Every BullMQ queue of the project; bull-board and Monitoring list exactly these. */
export enum QueueName {
  /** PostgreSQL ⇄ customer MongoDB: outbox events, booking requests, reconciliation. */
  Sync = 'sync',
  /** Emails to customers and suppliers. */
  Notifications = 'notifications',
}

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

export interface QueueSettings {
  redisUrl: string;
  /** Namespaces the queues' keys, like every other key the project writes. */
  prefix: string;
}

/**
 * BullMQ needs connections that never give up on a command
 * (maxRetriesPerRequest: null): a worker waits for Redis to come back.
 */
export function queueConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Retry and retention defaults for every job; handlers may override attempts. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The key prefix of every queue, for queues and workers alike. */
export function queuePrefix(keyPrefix: string): string {
  return `${keyPrefix}:bull`;
}

export function createQueue(name: QueueName, settings: QueueSettings): Queue {
  return new Queue(name, {
    connection: queueConnection(settings.redisUrl),
    prefix: queuePrefix(settings.prefix),
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
}
