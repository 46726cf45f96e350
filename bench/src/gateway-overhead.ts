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

async function alternate(
  context: BenchContext,
  gateway: () => Promise<LoadResult>,
  direct: () => Promise<LoadResult>,
): Promise<{ gateway: LoadResult[]; direct: LoadResult[] }> {
  const sides = { gateway: [] as LoadResult[], direct: [] as LoadResult[] };
  for (let round = 0; round < context.profile.rounds; round++) {
    sides.gateway.push(await gateway());
    sides.direct.push(await direct());
  }
  const problem = errorsOf([...sides.gateway, ...sides.direct]);
  if (problem !== undefined) throw new Error(`requests failed: ${problem}`);
  return sides;
}

export const launchSearchOverhead: Benchmark = async (context) => {
  const { profile, stack } = context;
  const customer = context.customers[0];
  const processes = [stack.baseUrls.gateway, stack.baseUrls.customer];
  // CPU per request of each process, whatever else the machine runs: [gateway, customer].
  const cpu = { gateway: [0, 0], direct: [0, 0], gatewayRequests: 0, directRequests: 0 };
  const run = async (url: string, side: 'gateway' | 'direct') => {
    const before = await cpuSeconds(processes);
    const result = await load({
      url,
      connections: profile.connections,
      durationSec: profile.durationSec,
      variants: [
        { body: graphqlBody(OPERATIONS.launches, SEARCH_VARIABLES), token: customer.accessToken },
      ],
    });
    const after = await cpuSeconds(processes);
    after.forEach((seconds, i) => (cpu[side][i] += seconds - before[i]));
    cpu[`${side}Requests`] += result.requests;
    return result;
  };
  const sides = await alternate(
    context,
    () => run(stack.urls.gateway, 'gateway'),
    () => run(stack.urls.customer, 'direct'),
  );
  const perRequestMs = (seconds: number, requests: number) => (seconds * 1000) / requests;
  return [
    ...summarize('launch search', sides).map((figure) => ({
      note: `${profile.connections} connections, ${profile.durationSec} s`,
      ...figure,
    })),
    {
      name: 'launch search: CPU per request through the gateway',
      value: perRequestMs(cpu.gateway[0] + cpu.gateway[1], cpu.gatewayRequests),
      unit: 'ms',
      note: `gateway ${perRequestMs(cpu.gateway[0], cpu.gatewayRequests).toFixed(2)} ms + customer subgraph ${perRequestMs(cpu.gateway[1], cpu.gatewayRequests).toFixed(2)} ms`,
    },
    {
      name: 'launch search: CPU per request direct',
      value: perRequestMs(cpu.direct[1], cpu.directRequests),
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
  const sides = await alternate(
    context,
    () => run([gatewayPart]),
    () => run(directParts),
  );
  return summarize('4-subgraph query', sides).map((figure) => ({
    note: `${profile.connections} in flight, ${profile.durationSec} s; direct = the 4 parts in parallel`,
    ...figure,
  }));
};
