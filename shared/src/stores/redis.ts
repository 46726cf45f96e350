import { Redis, type RedisOptions } from 'ioredis';
import type { DependencyCheck } from '../http/health';

/** Keeps retrying while the server is away instead of failing requests forever. */
const RECONNECTING: RedisOptions = {
  maxRetriesPerRequest: 2,
  enableOfflineQueue: true,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

/** A Redis connection for commands, named `name` in CLIENT LIST. */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { ...RECONNECTING, connectionName: name });
}

/**
 * A Redis connection for SUBSCRIBE only. It sends no handshake commands (no
 * CLIENT SETNAME/SETINFO, no INFO ready check): ioredis 5 can write them after a
 * SUBSCRIBE issued while connecting, which the connection then refuses
 * ("Connection in subscriber mode"), and the process failed at start.
 */
export function createRedisSubscriber(url: string): Redis {
  return new Redis(url, { ...RECONNECTING, disableClientInfo: true, enableReadyCheck: false });
}

export function redisCheck(redis: Redis): DependencyCheck {
  return { name: 'redis', check: () => redis.ping() };
}
