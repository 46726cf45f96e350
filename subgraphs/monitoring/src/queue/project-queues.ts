import {
  createQueue,
  QUEUE_NAMES,
  type QueueName,
  type QueueSettings,
} from '@astrobookings/shared';
import type { Queue } from 'bullmq';

export interface QueueCounts {
  name: QueueName;
  /** Ready to run, including prioritized jobs. */
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  /** Waiting for a later time: retries in backoff and delayed jobs. */
  delayed: number;
  /** Whether workers are held from taking its jobs. */
  paused: boolean;
}

/** Every BullMQ queue of the project, as the monitoring service reads and feeds them. */
export class ProjectQueues {
  private readonly queues: Map<QueueName, Queue>;

  constructor(settings: QueueSettings) {
    this.queues = new Map(QUEUE_NAMES.map((name) => [name, createQueue(name, settings)]));
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const [counts, paused] = await Promise.all([
          queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed'),
          queue.isPaused(),
        ]);
        return {
          name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          completed: counts.completed ?? 0,
          failed: counts.failed ?? 0,
          delayed: counts.delayed ?? 0,
          paused,
        };
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
