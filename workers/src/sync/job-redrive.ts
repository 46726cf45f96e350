import { enqueueSyncJob, type SyncJobName, type SyncJobs } from '@astrobookings/shared';
import type { Queue } from 'bullmq';

export type Redrive = 'added' | 'present' | 'retried';

/** A job that failed every attempt is retried after this many re-drive delays. */
export const FAILED_RETRY_FACTOR = 10;

/**
 * Makes sure a job for work that is still undone is in the queue: added when
 * BullMQ has no such job (Redis lost it, or it completed without effect), one
 * waiting or running left alone, and one that failed every attempt retried once
 * it has been failed for `failedRetryAfterMs` (a store that was down for longer
 * than the attempts last; a job that can never succeed is retried that seldom).
 */
export async function redrive<N extends SyncJobName>(
  queue: Queue,
  name: N,
  data: SyncJobs[N],
  jobId: string,
  failedRetryAfterMs: number,
  now: Date,
): Promise<Redrive> {
  const state = await queue.getJobState(jobId);
  if (state === 'failed') {
    const job = await queue.getJob(jobId);
    if (job === undefined || (job.finishedOn ?? 0) > now.getTime() - failedRetryAfterMs) {
      return 'present';
    }
    await job.retry();
    return 'retried';
  }
  if (state !== 'completed' && state !== 'unknown') return 'present';
  // 'unknown' may still leave the job's hash behind (Redis lost the sets but not it),
  // and BullMQ would take an add under its id for a duplicate and do nothing.
  await queue.remove(jobId);
  await enqueueSyncJob(queue, name, data, jobId);
  return 'added';
}
