import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '@astrobookings/shared';

export interface ThrottleSettings {
  maxFailures: number;
  windowSeconds: number;
  keyPrefix: string;
}

/** One address may fail for several accounts (a shared office), but not without bound. */
const IP_FAILURES_PER_ACCOUNT_FAILURES = 4;

/**
 * Failed logins counted in Redis per account and per address; once either
 * reaches its limit in the window, logins are RATE_LIMITED until it passes —
 * whether or not the password is right, and whether or not the account exists.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;

  constructor(redis: Redis, settings: ThrottleSettings) {
    this.byAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${settings.keyPrefix}:login-fail:account`,
      points: settings.maxFailures,
      duration: settings.windowSeconds,
    });
    this.byAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${settings.keyPrefix}:login-fail:ip`,
      points: settings.maxFailures * IP_FAILURES_PER_ACCOUNT_FAILURES,
      duration: settings.windowSeconds,
    });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const states = await Promise.all([
      this.blockedFor(this.byAccount, email),
      this.blockedFor(this.byAddress, ip),
    ]);
    const waitMs = Math.max(...states);
    if (waitMs > 0) throw new RateLimitedError(Math.ceil(waitMs / 1000));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.consume(this.byAccount, email), this.consume(this.byAddress, ip)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }

  /** How long the key is still blocked for, 0 when it isn't. */
  private async blockedFor(limiter: RateLimiterRedis, key: string): Promise<number> {
    const state = await limiter.get(key);
    return state !== null && state.consumedPoints >= limiter.points ? state.msBeforeNext : 0;
  }

  private async consume(limiter: RateLimiterRedis, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      // A rejection with RateLimiterRes only means the limit is now reached.
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }
}
