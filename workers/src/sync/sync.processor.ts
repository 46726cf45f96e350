import { SyncDirection, SyncJobName, type Logger, type SyncJobs } from '@astrobookings/shared';
import type { Job } from 'bullmq';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { BookingRequestHandler } from './handlers/booking-request.handler';
import type { EventEffect, OutboxEventHandler } from './handlers/outbox-event.handler';
import type { Reconciler } from './handlers/reconciler';
import type { WaitlistRequestHandler } from './handlers/waitlist-request.handler';
import type { OutboxRepository } from './operational/outbox.repository';
import type { SyncLogRecorder } from './sync-log.recorder';

export interface SyncHandlers {
  outbox: OutboxRepository;
  events: OutboxEventHandler;
  bookings: BookingRequestHandler;
  waitlist: WaitlistRequestHandler;
  reconciler: Reconciler;
}

type Outcome = EventEffect & { lagMs?: number };

/**
 * Runs one job of QueueName.Sync: each job name has one handler. Counts every
 * item in the SyncLog and in Prometheus; a failure is recorded and thrown, so
 * BullMQ retries it with backoff.
 */
export class SyncProcessor {
  private readonly jobs: Counter<'job' | 'outcome'>;
  private readonly lag: Histogram<'direction'>;

  constructor(
    private readonly handlers: SyncHandlers,
    private readonly syncLog: SyncLogRecorder,
    private readonly logger: Logger,
    registry: Registry,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.jobs = new Counter({
      name: 'sync_jobs_total',
      help: 'Sync jobs run, by job name and outcome',
      labelNames: ['job', 'outcome'],
      registers: [registry],
    });
    this.lag = new Histogram({
      name: 'sync_lag_seconds',
      help: 'From a change in one store to its arrival in the other',
      labelNames: ['direction'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
  }

  async run(job: Job): Promise<string> {
    const name = job.name as SyncJobName;
    const direction =
      name === SyncJobName.PlaceBooking ||
      name === SyncJobName.CancelBooking ||
      name === SyncJobName.WaitlistRequest
        ? SyncDirection.TO_OPERATIONAL_STORE
        : SyncDirection.TO_CUSTOMER_STORE;
    const trigger = name === SyncJobName.OutboxEvent ? 'outbox' : name;
    try {
      const outcome = await this.dispatch(name, job.data);
      if (outcome === undefined) {
        this.jobs.inc({ job: name, outcome: 'done' });
        return 'done';
      }
      const result = outcome.applied ? 'applied' : 'skipped';
      this.jobs.inc({ job: name, outcome: result });
      if (outcome.lagMs !== undefined) this.lag.observe({ direction }, outcome.lagMs / 1000);
      this.syncLog.record({
        direction,
        entity: outcome.entity,
        trigger,
        outcome: result,
        lagMs: outcome.lagMs,
      });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.jobs.inc({ job: name, outcome: 'failed' });
      this.syncLog.record({
        direction,
        entity: entityOf(name),
        trigger,
        outcome: 'failed',
        error: message,
      });
      this.logger.warn(
        { err: error, job: name, jobId: job.id, attempt: job.attemptsMade + 1 },
        'sync job failed',
      );
      throw error;
    }
  }

  private async dispatch(name: SyncJobName, data: unknown): Promise<Outcome | undefined> {
    switch (name) {
      case SyncJobName.OutboxEvent:
        return this.outboxEvent((data as SyncJobs[SyncJobName.OutboxEvent]).eventId);
      case SyncJobName.PlaceBooking:
        return this.handlers.bookings.place((data as SyncJobs[SyncJobName.PlaceBooking]).bookingId);
      case SyncJobName.CancelBooking:
        return this.handlers.bookings.cancel(
          (data as SyncJobs[SyncJobName.CancelBooking]).bookingId,
        );
      case SyncJobName.WaitlistRequest:
        return this.handlers.waitlist.handle(
          (data as SyncJobs[SyncJobName.WaitlistRequest]).entryId,
        );
      case SyncJobName.Reconcile:
        return this.reconcile();
    }
  }

  private async outboxEvent(eventId: string): Promise<Outcome> {
    const event = await this.handlers.outbox.findById(eventId);
    if (event === undefined || event.processedAt !== null)
      return { entity: 'event', applied: false };
    try {
      const effect = await this.handlers.events.handle(event);
      await this.handlers.outbox.markProcessed(eventId);
      return { ...effect, lagMs: this.clock().getTime() - event.createdAt.getTime() };
    } catch (error) {
      await this.handlers.outbox
        .recordFailure(eventId, error instanceof Error ? error.message : String(error))
        .catch(() => undefined);
      throw error;
    }
  }

  private async reconcile(): Promise<undefined> {
    const report = await this.handlers.reconciler.sweep();
    for (const [entity, { compared, repaired }] of Object.entries(report)) {
      const item = {
        direction: SyncDirection.TO_CUSTOMER_STORE,
        entity,
        trigger: 'reconciliation',
      } as const;
      this.syncLog.record({ ...item, outcome: 'applied' }, repaired);
      this.syncLog.record({ ...item, outcome: 'skipped' }, compared - repaired);
    }
    const repaired = Object.values(report).reduce((sum, item) => sum + item.repaired, 0);
    if (repaired > 0)
      this.logger.warn({ report }, 'reconciliation repaired drift in the customer store');
    return undefined;
  }
}

function entityOf(name: SyncJobName): string {
  switch (name) {
    case SyncJobName.PlaceBooking:
    case SyncJobName.CancelBooking:
      return 'booking';
    case SyncJobName.WaitlistRequest:
      return 'waitlist';
    case SyncJobName.OutboxEvent:
      return 'event';
    case SyncJobName.Reconcile:
      return 'all';
  }
}
