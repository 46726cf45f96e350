import { OPERATIONS } from '../../test/support/world';
import type { Benchmark } from './context';
import type { Figure } from './figures';
import { graphqlBody, load } from './load';
import type { LoadResult } from './load-spec';
import { cpuSeconds } from './process-metrics';
import { settle } from './settle';

/**
 * Bookings per second of the steady loads. Each booking costs the processes
 * 60-100 ms of CPU at these rates (the CPU figures): 10 a second keeps about
 * half of two cores busy, 20 nearly all of them.
 */
const STEADY_RATES = [10, 20];

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
  // hot paths as they run) and connection pools still opening.
  await run(STEADY_RATES[STEADY_RATES.length - 1], profile.durationSec);
  await settle(stack);
  // The steady rates, each settled before the next run, then the saturated run.
  const processes = Object.entries(stack.baseUrls);
  const cpu = () => cpuSeconds(processes.map(([, url]) => url));
  const steady: Figure[] = [];
  for (const rate of STEADY_RATES) {
    const before = await cpu();
    const result = await run(rate);
    // What the bookings cost every process, including the work they leave behind (events, emails).
    await settle(stack);
    const after = await cpu();
    const perBooking = processes
      .map(([name], i) => ({ name, ms: ((after[i] - before[i]) * 1000) / result.requests }))
      .sort((a, b) => b.ms - a.ms);
    steady.push(
      {
        name: `bookSeats → CONFIRMED: p99 at ${rate}/s`,
        value: result.latency.p99,
        unit: 'ms',
        target: { op: '<', value: 150 },
        note: `p50 ${result.latency.p50} ms; ${outcomes(result)}`,
      },
      {
        name: `bookSeats: CPU per booking at ${rate}/s (Node processes)`,
        value: perBooking.reduce((sum, { ms }) => sum + ms, 0),
        unit: 'ms',
        note: perBooking
          .filter(({ ms }) => ms >= 0.5)
          .map(({ name, ms }) => `${name} ${ms.toFixed(1)}`)
          .join(', '),
      },
    );
  }
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
    ...steady,
  ];
};
