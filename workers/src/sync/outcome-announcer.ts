import type { Logger, SyncOutcome } from '@astrobookings/shared';
import type { Redis } from 'ioredis';

/**
 * Tells Customer subgraphs waiting on a request that its entity changed (Redis
 * pub/sub). Best effort: a subgraph that misses it reads the store at the end of
 * its wait anyway.
 */
export class OutcomeAnnouncer {
  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  async announce(outcome: SyncOutcome): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(outcome));
    } catch (error) {
      this.logger.warn({ err: error, ...outcome }, 'could not announce an outcome');
    }
  }
}
