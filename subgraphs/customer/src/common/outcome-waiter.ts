import { parseSyncOutcome, type SyncOutcome } from '@astrobookings/shared';
import type { Redis } from 'ioredis';

interface Expectation {
  /** Settles at the entity's next announcement, or when the wait is over. */
  done: Promise<void>;
  cancel(): void;
}

export interface Settlement<T> {
  entity: SyncOutcome['entity'];
  id: string;
  timeoutMs: number;
  /** Hands the request to the sync worker. */
  handOver: () => Promise<void>;
  /** Reads the entity from the customer store. */
  read: () => Promise<T>;
  /** Whether what was read is the decision waited for. */
  settled: (value: T) => boolean;
  /** The entity surely is not settled yet (just recorded): wait before the first read. */
  skipFirstRead?: boolean;
}

/**
 * Waits for the sync worker's announcements (Redis pub/sub) that a customer's
 * request was decided. An announcement only says "read again": the answer is
 * always read from the customer store, so a missed one (a reconnect) costs at
 * most the wait.
 */
export class OutcomeWaiter {
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly channel: string,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const outcome = parseSyncOutcome(message);
      if (outcome === undefined) return;
      for (const release of [...(this.waiting.get(keyOf(outcome)) ?? [])]) release();
    });
    await this.subscriber.subscribe(this.channel);
  }

  /**
   * Hands a request over, then reads its entity at each announcement until it is
   * settled or `timeoutMs` have passed, and answers what it read last.
   */
  async settle<T>(request: Settlement<T>): Promise<T> {
    const deadline = Date.now() + request.timeoutMs;
    // Listening starts before the hand-over and before every read, so no announcement falls between.
    let next = this.expect(request, request.timeoutMs);
    try {
      await request.handOver();
      if (request.skipFirstRead === true) {
        await next.done;
        next = this.expect(request, Math.max(0, deadline - Date.now()));
      }
      for (;;) {
        const value = await request.read();
        if (request.settled(value) || Date.now() >= deadline) return value;
        await next.done;
        next = this.expect(request, Math.max(0, deadline - Date.now()));
      }
    } finally {
      next.cancel();
    }
  }

  private expect(outcome: SyncOutcome, timeoutMs: number): Expectation {
    const key = keyOf(outcome);
    const waiters = this.waiting.get(key) ?? new Set<() => void>();
    this.waiting.set(key, waiters);
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const release = (): void => {
      clearTimeout(timer);
      waiters.delete(release);
      if (waiters.size === 0 && this.waiting.get(key) === waiters) this.waiting.delete(key);
      finish();
    };
    const timer = setTimeout(release, timeoutMs);
    waiters.add(release);
    return { done, cancel: release };
  }
}

function keyOf(outcome: SyncOutcome): string {
  return `${outcome.entity}:${outcome.id}`;
}
