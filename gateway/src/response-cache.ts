import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { AccessTokenVerifier, Logger } from '@astrobookings/shared';
import type { Redis } from 'ioredis';
import type { GatewayContext } from './gateway-context';

/**
 * Whole answers the gateway gives again without asking a subgraph: those every
 * subgraph they came from marked reusable for every signed-in caller
 * (Cache-Control `max-age=…, public`; today the Customer subgraph's launches on
 * sale), for that long at most.
 *
 * A Customer subgraph announces on `catalogAppliedChannel` each time its
 * catalog took changes in; every announcement drops every answer. An answer
 * read before the latest announcement is not kept: its subgraph may have
 * answered before the change. After a lost connection to Redis, announcements
 * may have been missed, so everything goes too.
 *
 * Answers are given again only to signed-in callers (the subgraph would refuse
 * anyone else), and never to a request saying `Cache-Control: no-cache`.
 */
export class ResponseCache {
  /** Bumped by every drop: an answer read under an older one is not kept. */
  private generationValue = 0;
  private readonly answers: InMemoryLRUCache<string>;

  constructor(maxBytes: number) {
    this.answers = new InMemoryLRUCache<string>({ maxSize: maxBytes });
  }

  get generation(): number {
    return this.generationValue;
  }

  drop(): void {
    this.generationValue++;
    this.answers.clear();
  }

  /** Drops everything on each announcement, and after each reconnect of `subscriber`. */
  async follow(subscriber: Redis, channel: string, logger: Logger): Promise<void> {
    subscriber.on('message', (from: string) => {
      if (from === channel) this.drop();
    });
    let connected = subscriber.status === 'ready';
    subscriber.on('ready', () => {
      if (connected) {
        logger.info('reconnected to Redis: cached answers dropped');
        this.drop();
      }
      connected = true;
    });
    await subscriber.subscribe(channel);
  }

  plugin(verifier: AccessTokenVerifier): ApolloServerPlugin<GatewayContext> {
    return responseCachePlugin<GatewayContext>({
      cache: this.answers,
      shouldReadFromCache: async ({ request, contextValue }) => {
        if (request.http?.headers.get('cache-control')?.includes('no-cache')) return false;
        try {
          return (await verifier.principalFromHeader(contextValue.authorization)) !== undefined;
        } catch {
          return false;
        }
      },
      // eslint-disable-next-line @typescript-eslint/require-await
      shouldWriteToCache: async ({ contextValue }) =>
        contextValue.cacheGeneration === this.generationValue,
    });
  }
}
