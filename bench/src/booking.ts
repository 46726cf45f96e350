import { OPERATIONS } from '../../test/support/world';
import type { Benchmark } from './context';
import { graphqlBody, load } from './load';
import type { LoadResult } from './load-spec';
import { settle } from './settle';

/** Bookings per second of the steady load: about half of what two cores confirm at saturation (34–58 a second). */
const STEADY_RATE = 20;

/**
 * bookSeats end to end: the gateway, the Customer subgraph, the sync worker
 * deciding in PostgreSQL and the answer copied back; counted CONFIRMED only
 * when the answer says so.
 */
export const bookingEndToEnd: Benchmark = async (context) => {
  const { profile, stack } = context;
  const variants = context.customers.flatMap((customer) =>
    context.launches.map((launch) => ({
      body: graphqlBody(OPERATIONS.bookSeats, {
        input: { launchId: launch.id, seats: 1, idempotencyKey: 'bench-[<id>]' },
      }),
      token: customer.accessToken,
    })),
  );
  // Shuffled, so consecutive requests land on different launches and customers.
  variants.sort(() => Math.random() - 0.5);
  const run = (rate?: number, durationSec = profile.durationSec * 2) =>
    load({
      url: stack.urls.gateway,
      connections: profile.connections,
      durationSec,
      rate,
      variants,
      count: {
        confirmed: '"status":"CONFIRMED"',
        pending: '"status":"PENDING"',
        rejected: '"status":"REJECTED"',
      },
    });
  const outcomes = (result: LoadResult) => {
    const { confirmed, pending, rejected } = result.counts;
    const other = result.requests - confirmed - pending - rejected;
    if (other > 0) context.log(`booking: e.g. ${result.sampleError ?? '?'}`);
    return `${result.requests} answered: ${confirmed} CONFIRMED, ${pending} PENDING, ${rejected} REJECTED, ${other} errors`;
  };
  // Unmeasured: the first bookings of a fresh stack meet unoptimised code (V8 compiles the
  // hot paths as they run) and connection pools still opening; measured cold, p99 at the
  // steady rate read 4 times what the same build shows warm.
  await run(STEADY_RATE, profile.durationSec);
  await settle(stack);
  // Steady first: the saturated run leaves seconds of backlog (outbox events, emails) behind it.
  const steady = await run(STEADY_RATE);
  const result = await run();
  const { confirmed } = result.counts;
  const load_ = `${profile.connections} connections, ${profile.durationSec * 2} s`;
  return [
    {
      name: 'bookSeats → CONFIRMED: throughput',
      value: confirmed / result.durationSec,
      unit: 'req/s',
      note: `${load_}; ${outcomes(result)}`,
    },
    {
      name: 'bookSeats → CONFIRMED: p99',
      value: result.latency.p99,
      unit: 'ms',
      target: { op: '<', value: 150 },
      note: `p50 ${result.latency.p50} ms, ${load_}`,
    },
    {
      name: `bookSeats → CONFIRMED: p99 at ${STEADY_RATE}/s`,
      value: steady.latency.p99,
      unit: 'ms',
      target: { op: '<', value: 150 },
      note: `p50 ${steady.latency.p50} ms; ${outcomes(steady)}`,
    },
  ];
};
