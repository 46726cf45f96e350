import { readConfig } from '@astrobookings/shared';
import { OPERATIONS, WORLD_PASSWORD } from '../../test/support/world';
import type { Benchmark } from './context';
import { graphqlBody, load } from './load';
import type { LoadResult } from './load-spec';

/** Logins per second of the steady load: a busy sign-in hour of a large platform, per instance. */
const STEADY_RATE = 5;

/**
 * login through the gateway: each is one Argon2id hash (PASSWORD_ARGON2_*, by
 * default 19 MiB, 2 passes, 1 lane: ~20 ms of one core), so 50 at once queue
 * behind the cores. Measured at 50 concurrent (the load) and at a steady rate.
 */
export const login: Benchmark = async (context) => {
  const { profile, stack } = context;
  const variants = context.customers.map((customer) => ({
    body: graphqlBody(OPERATIONS.login, { email: customer.user.email, password: WORLD_PASSWORD }),
  }));
  const base = { url: stack.urls.gateway, variants, timeoutSec: 120 };
  // Counted to the last answer: at 50 at once the first answers take seconds, more than a fixed duration.
  const saturated = await load({
    ...base,
    connections: profile.connections,
    durationSec: 0,
    amount: profile.connections * (profile.name === 'long' ? 6 : 2),
  });
  const steady = await load({
    ...base,
    connections: STEADY_RATE,
    durationSec: profile.durationSec * 2,
    rate: STEADY_RATE,
  });
  const failures = (result: LoadResult) => {
    const failed = result.graphqlErrors + result.non2xx + result.transportErrors;
    return failed === 0
      ? ''
      : `; ${failed} of ${result.requests} failed, e.g. ${result.sampleError ?? 'transport errors'}`.slice(
          0,
          160,
        );
  };
  const { memoryKib, timeCost, parallelism } = readConfig('bench', ['authService'], stack.env)
    .authService.passwordHashing;
  const hashing = `argon2id m=${memoryKib} KiB, t=${timeCost}, p=${parallelism}`;
  return [
    {
      name: 'login: p99 at 50 concurrent',
      value: saturated.latency.p99,
      unit: 'ms',
      target: { op: '<', value: 150 },
      note: `${hashing}; ${saturated.throughput.toFixed(1)} logins/s, p50 ${saturated.latency.p50} ms${failures(saturated)}`,
    },
    {
      name: `login: p99 at ${STEADY_RATE}/s`,
      value: steady.latency.p99,
      unit: 'ms',
      target: { op: '<', value: 150 },
      note: `p50 ${steady.latency.p50} ms${failures(steady)}`,
    },
  ];
};
