import { notificationJobOptions, type NotificationStatusRecord } from '@astrobookings/shared';
import type { Queue } from 'bullmq';

/** Puts a notification's job back on the notifications queue for an operator's retry. */
export class NotificationRequeuer {
  constructor(private readonly queue: Queue) {}

  /**
   * Retries the failed BullMQ job with a fresh set of attempts; when BullMQ has
   * already removed it, enqueues the job again from the copy in the status.
   */
  async requeue(status: NotificationStatusRecord): Promise<void> {
    const existing = await this.queue.getJob(status._id);
    if (existing !== undefined) {
      const state = await existing.getState();
      if (state === 'failed') {
        await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return;
      }
      // Waiting, delayed or running: it will run anyway.
      if (state !== 'completed' && state !== 'unknown') return;
      await existing.remove();
    }
    const kind = typeof status.job.kind === 'string' ? status.job.kind : status.kind;
    await this.queue.add(kind, status.job, notificationJobOptions(status._id));
  }
}
