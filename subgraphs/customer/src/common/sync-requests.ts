import {
  enqueueSyncJob,
  SyncJobName,
  syncJobIds,
  currentCorrelationId,
  type Logger,
} from '@astrobookings/shared';
import type { Queue } from 'bullmq';

/** Longer than an enqueue takes when Redis is there; the request is recorded either way. */
const ENQUEUE_TIMEOUT_MS = 1_000;

/**
 * Hands customers' requests to the sync worker. A request is recorded in the
 * customer store first; when it cannot be enqueued (Redis away), the worker's
 * sweep finds it there and enqueues it later, so a failure here is only logged.
 */
export class SyncRequests {
  constructor(
    private readonly queue: Queue,
    private readonly logger: Logger,
  ) {}

  placeBooking(bookingId: string): Promise<void> {
    return this.send(
      () =>
        enqueueSyncJob(
          this.queue,
          SyncJobName.PlaceBooking,
          { bookingId, correlationId: currentCorrelationId() },
          syncJobIds.placeBooking(bookingId),
        ),
      { bookingId },
    );
  }

  cancelBooking(bookingId: string, requestedAt: Date): Promise<void> {
    return this.send(
      () =>
        enqueueSyncJob(
          this.queue,
          SyncJobName.CancelBooking,
          { bookingId, correlationId: currentCorrelationId() },
          syncJobIds.cancelBooking(bookingId, requestedAt),
        ),
      { bookingId },
    );
  }

  waitlist(entryId: string, requestedAt: Date): Promise<void> {
    return this.send(
      () =>
        enqueueSyncJob(
          this.queue,
          SyncJobName.WaitlistRequest,
          { entryId, correlationId: currentCorrelationId() },
          syncJobIds.waitlistRequest(entryId, requestedAt),
        ),
      { entryId },
    );
  }

  private async send(enqueue: () => Promise<void>, context: Record<string, string>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        enqueue(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn(
        { ...context, err: error },
        'could not enqueue a sync request; the sync worker will find it',
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
