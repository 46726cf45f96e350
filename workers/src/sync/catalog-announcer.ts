import type { CatalogChange, Logger } from '@astrobookings/shared';
import type { Redis } from 'ioredis';

/**
 * Tells Customer subgraphs which launches changed in the customer store (Redis
 * pub/sub), so their in-memory catalogs follow. Best effort: a subgraph that
 * misses one reloads its catalog after a reconnect, and periodically.
 */
export class CatalogAnnouncer {
  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  async announce(change: CatalogChange): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(change));
    } catch (error) {
      this.logger.warn({ err: error, ...change }, 'could not announce a catalog change');
    }
  }
}
