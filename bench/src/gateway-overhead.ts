import { OPERATIONS } from '../../test/support/world';
import type { BenchContext, Benchmark } from './context';
import type { Figure } from './figures';
import { fanOut, graphqlBody, load } from './load';
import type { LoadResult } from './load-spec';
import { cpuSeconds } from './process-metrics';
import { median } from './stats';

/**
 * What the gateway costs: the same query through the gateway and straight to
 * the subgraph(s), in the same run, alternating so both sides see the same
 * machine.
 */

const SEARCH_VARIABLES = { first: 20 };

/** The part of the spanning query each subgraph answers on its own. */
const SPAN_PARTS = {
  auth: 'me { id email }',
  admin: 'spaceports { id name }',
  customer: 'launches(first: 5) { totalCount edges { node { id mission } } }',
  monitoring: 'queues { name waiting }',
} as const;

function summarize(label: string, sides: { gateway: LoadResult[]; direct: LoadResult[] }) {
  const pick = (results: LoadResult[], value: (result: LoadResult) => number) =>
    median(results.map(value));
  const gateway = {
    throughput: pick(sides.gateway, (r) => r.throughput),
    p50: pick(sides.gateway, (r) => r.latency.p50),
    p99: pick(sides.gateway, (r) => r.latency.p99),
  };
  const direct = {
    throughput: pick(sides.direct, (r) => r.throughput),
    p50: pick(sides.direct, (r) => r.latency.p50),
    p99: pick(sides.direct, (r) => r.latency.p99),
  };
  return [
    { name: `${label}: gateway throughput`, value: gateway.throughput, unit: 'req/s' },
    { name: `${label}: direct throughput`, value: direct.throughput, unit: 'req/s' },
    {
      name: `${label}: gateway ÷ direct throughput`,
      value: gateway.throughput / direct.throughput,
      unit: '×',
      target: { op: '>=', value: 0.7 },
    },
    {
      name: `${label}: gateway p50 / p99`,
      value: gateway.p50,
      unit: 'ms',
      note: `p99 ${Math.round(gateway.p99)} ms`,
    },
    {
      name: `${label}: direct p50 / p99`,
      value: direct.p50,
      unit: 'ms',
      note: `p99 ${Math.round(direct.p99)} ms`,
    },
    {
      name: `${label}: gateway ÷ direct p50`,
      value: gateway.p50 / direct.p50,
      unit: '×',
      target: { op: '<=', value: 1.3 },
    },
  ] satisfies Figure[];
}

function errorsOf(results: LoadResult[]): string | undefined {
  const failed = results.find(
    (result) => result.graphqlErrors + result.non2xx + result.transportErrors > 0,
  );
  if (failed === undefined) return undefined;
  return `${failed.graphqlErrors} GraphQL errors, ${failed.non2xx} non-2xx, ${failed.transportErrors} transport errors; e.g. ${failed.sampleError ?? '?'}`;
}

/** Each side's loads, run in turn round after round so every side sees the same machine. */
async function alternate<Side extends string>(
  context: BenchContext,
  sides: Record<Side, () => Promise<LoadResult>>,
): Promise<Record<Side, LoadResult[]>> {
  const names = Object.keys(sides) as Side[];
  const results = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<
    Side,
    LoadResult[]
  >;
  for (let round = 0; round < context.profile.rounds; round++) {
    for (const name of names) results[name].push(await sides[name]());
  }
  const problem = errorsOf(names.flatMap((name) => results[name]));
  if (problem !== undefined) throw new Error(`requests failed: ${problem}`);
  return results;
}

/**
 * The launch search three ways: through the gateway, which gives its cached
 * answer again (every request here asks the same); through the gateway with
 * `Cache-Control: no-cache`, so each is planned and sent to the subgraph; and
 * straight to the Customer subgraph.
 */
export const launchSearchOverhead: Benchmark = async (context) => {
  const { profile, stack } = context;
  const customer = context.customers[0];
  const processes = [stack.baseUrls.gateway, stack.baseUrls.customer];
  type Side = 'gateway' | 'uncached' | 'direct';
  // CPU seconds of each process, whatever else the machine runs: [gateway, customer].
  const cpu = { gateway: [0, 0], uncached: [0, 0], direct: [0, 0] };
  const requests = { gateway: 0, uncached: 0, direct: 0 };
  const run = async (url: string, side: Side, headers?: Record<string, string>) => {
    const before = await cpuSeconds(processes);
    const result = await load({
      url,
      connections: profile.connections,
      durationSec: profile.durationSec,
      variants: [
        {
          body: graphqlBody(OPERATIONS.launches, SEARCH_VARIABLES),
          token: customer.accessToken,
          headers,
        },
      ],
    });
    const after = await cpuSeconds(processes);
    after.forEach((seconds, i) => (cpu[side][i] += seconds - before[i]));
    requests[side] += result.requests;
    return result;
  };
  const sides = await alternate(context, {
    gateway: () => run(stack.urls.gateway, 'gateway'),
    uncached: () => run(stack.urls.gateway, 'uncached', { 'cache-control': 'no-cache' }),
    direct: () => run(stack.urls.customer, 'direct'),
  });
  const perRequestMs = (side: Side, process: number) =>
    (cpu[side][process] * 1000) / requests[side];
  const cpuFigure = (side: Side, name: string): Figure => ({
    name: `launch search: CPU per request ${name}`,
    value: perRequestMs(side, 0) + perRequestMs(side, 1),
    unit: 'ms',
    note: `gateway ${perRequestMs(side, 0).toFixed(2)} ms + customer subgraph ${perRequestMs(side, 1).toFixed(2)} ms`,
  });
  const note = `${profile.connections} connections, ${profile.durationSec} s`;
  return [
    ...summarize('launch search', { gateway: sides.gateway, direct: sides.direct }).map(
      (figure) => ({ note: `${note}; the gateway answers from its cache`, ...figure }),
    ),
    ...summarize('launch search, Cache-Control: no-cache', {
      gateway: sides.uncached,
      direct: sides.direct,
    }).map((figure) => ({ note: `${note}; every request sent on to the subgraph`, ...figure })),
    cpuFigure('gateway', 'through the gateway (cached)'),
    cpuFigure('uncached', 'through the gateway (no-cache)'),
    {
      name: 'launch search: CPU per request direct',
      value: perRequestMs('direct', 1),
      unit: 'ms',
      note: 'customer subgraph',
    },
  ];
};

export const fourSubgraphOverhead: Benchmark = async (context) => {
  const { profile, stack } = context;
  const token = context.operator.accessToken;
  const query = (fields: readonly string[]) => `query Span { ${fields.join(' ')} }`;
  const gatewayPart = {
    url: stack.urls.gateway,
    body: graphqlBody(query(Object.values(SPAN_PARTS))),
    token,
  };
  const directParts = (Object.keys(SPAN_PARTS) as (keyof typeof SPAN_PARTS)[]).map((name) => ({
    url: stack.urls[name],
    body: graphqlBody(query([SPAN_PARTS[name]])),
    token,
  }));
  const run = (parts: typeof directParts) =>
    fanOut({ connections: profile.connections, durationSec: profile.durationSec, parts });
  const sides = await alternate(context, {
    gateway: () => run([gatewayPart]),
    direct: () => run(directParts),
  });
  return summarize('4-subgraph query', sides).map((figure) => ({
    note: `${profile.connections} in flight, ${profile.durationSec} s; direct = the 4 parts in parallel`,
    ...figure,
  }));
};
