import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode, type AccessTokenVerifier } from '@astrobookings/shared';

/**
 * Requests per minute per signed-in user (or per address when anonymous),
 * counted in Redis so every gateway instance shares the count. While Redis is
 * away each instance counts in memory rather than refusing everyone.
 */
export function rateLimitMiddleware(
  redis: Redis,
  verifier: AccessTokenVerifier,
  perMinute: number,
  keyPrefix: string,
) {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}:gateway-rate`,
    points: perMinute,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
  });

  const callerKey = async (req: Request): Promise<string> => {
    try {
      const principal = await verifier.principalFromHeader(req.headers.authorization);
      if (principal !== undefined) return `user:${principal.userId}`;
    } catch {
      // An invalid token is refused by the subgraphs; count it against the address.
    }
    return `ip:${req.ip ?? 'unknown'}`;
  };

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'POST') return next();
    try {
      const state = await limiter.consume(await callerKey(req));
      res.setHeader('RateLimit-Remaining', String(state.remainingPoints));
      next();
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) return next(error);
      const retryAfter = Math.ceil(error.msBeforeNext / 1000);
      res
        .status(429)
        .setHeader('Retry-After', String(retryAfter))
        .json({
          errors: [
            {
              message: 'Too many requests, try again later',
              extensions: { code: ErrorCode.RateLimited, retryAfterSeconds: retryAfter },
            },
          ],
        });
    }
  };
}
