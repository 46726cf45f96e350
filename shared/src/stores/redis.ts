import { Redis } from 'ioredis';
import type { DependencyCheck } from '../http/health';

/** A Redis connection that keeps retrying while the server is away instead of failing requests forever. */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

export function redisCheck(redis: Redis): DependencyCheck {
  return { name: 'redis', check: () => redis.ping() };
}
