import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Counter, Histogram, type Registry } from 'prom-client';
import { QueueName, withCorrelationId, type Logger } from '@astrobookings/shared';
import type { NotificationService } from './notification.service';

export interface NotificationWorkerSettings {
  connection: ConnectionOptions;
  /** The queues' key prefix (queuePrefix). */
  prefix: string;
  concurrency: number;
  /** First retry delay; doubles with each retry. */
  backoffMs: number;
}

/** No retry waits longer than this, however many attempts are configured. */
const MAX_BACKOFF_MS = 3_600_000;

export function notificationBackoff(backoffMs: number, attemptsMade: number): number {
  return Math.min(backoffMs * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
}

function correlationIdOf(job: Job): string {
  const data = job.data as { correlationId?: unknown } | undefined;
  return typeof data?.correlationId === 'string' ? data.correlationId : (job.id ?? 'notification');
}

/** Runs notification jobs from QueueName.Notifications through the service. */
export function startNotificationWorker(
  service: NotificationService,
  settings: NotificationWorkerSettings,
  logger: Logger,
  registry: Registry,
): Worker {
  const attempts = new Counter({
    name: 'notification_attempts_total',
    help: 'Notification delivery attempts by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'notification_attempt_duration_seconds',
    help: 'Duration of one notification delivery attempt',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const worker = new Worker(
    QueueName.Notifications,
    (job: Job, token?: string) =>
      withCorrelationId(correlationIdOf(job), async () => {
        const stop = duration.startTimer();
        const result = await service.deliver(job.data, job.attemptsMade + 1).finally(stop);
        attempts.inc({ kind: job.name, outcome: result.outcome });
        const context = { notificationId: job.id, kind: job.name, attempt: job.attemptsMade + 1 };
        switch (result.outcome) {
          case 'sent':
            logger.info({ ...context, messageId: result.messageId }, 'notification sent');
            return result.outcome;
          case 'already-sent':
            logger.info(context, 'notification already sent; not sending again');
            return result.outcome;
          case 'wait':
            logger.info(
              { ...context, until: result.until },
              'another run holds this notification; looking again when its lease ends',
            );
            await job.moveToDelayed(result.until.getTime(), token);
            throw new DelayedError();
          case 'retry':
            logger.warn(
              { ...context, error: result.error },
              'notification attempt failed; will retry',
            );
            throw new Error(result.error);
          case 'failed':
            logger.error({ ...context, error: result.error }, 'notification failed');
            throw new UnrecoverableError(result.error);
        }
      }),
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      settings: {
        backoffStrategy: (attemptsMade: number) =>
          notificationBackoff(settings.backoffMs, attemptsMade),
      },
    },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'notification worker error'));
  return worker;
}
