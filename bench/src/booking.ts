import { OPERATIONS } from '../../test/support/world';
import type { Benchmark } from './context';
import { graphqlBody, load } from './load';

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
  const result = await load({
    url: stack.urls.gateway,
    connections: profile.connections,
    durationSec: profile.durationSec * 2,
    variants,
    count: {
      confirmed: '"status":"CONFIRMED"',
      pending: '"status":"PENDING"',
      rejected: '"status":"REJECTED"',
    },
  });
  const { confirmed, pending, rejected } = result.counts;
  const other = result.requests - confirmed - pending - rejected;
  const load_ = `${profile.connections} connections, ${profile.durationSec * 2} s`;
  const outcomes = `${result.requests} answered: ${confirmed} CONFIRMED, ${pending} PENDING, ${rejected} REJECTED, ${other} errors`;
  if (other > 0) context.log(`booking: e.g. ${result.sampleError ?? '?'}`);
  return [
    {
      name: 'bookSeats → CONFIRMED: throughput',
      value: confirmed / result.durationSec,
      unit: 'req/s',
      note: `${load_}; ${outcomes}`,
    },
    {
      name: 'bookSeats → CONFIRMED: p99',
      value: result.latency.p99,
      unit: 'ms',
      target: { op: '<', value: 150 },
      note: `p50 ${result.latency.p50} ms, ${load_}`,
    },
  ];
};
