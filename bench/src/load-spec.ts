/** What the load runner (a process of its own) is asked to do, and what it answers. */

export interface RequestVariant {
  /** The JSON body; every `[<id>]` in it becomes a fresh unique id per request. */
  body: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** More request headers. */
  headers?: Record<string, string>;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSec: number;
  /** Stop after this many answers instead of after `durationSec` (for slow requests: none is cut off). */
  amount?: number;
  /**
   * Requests per second, evenly paced over all connections (an open load,
   * latencies measured from when each request was due); absent: each
   * connection sends its next request as soon as the previous answers (a
   * closed loop at saturation).
   */
  rate?: number;
  /** Cycled through, one per request. */
  variants: RequestVariant[];
  /** Name → text counted in response bodies (e.g. '"status":"CONFIRMED"'). */
  count?: Record<string, string>;
  timeoutSec?: number;
}

/**
 * One operation made of several requests sent at once (a client calling the
 * subgraphs itself), `connections` operations in flight.
 */
export interface FanOutSpec {
  kind: 'fan-out';
  connections: number;
  durationSec: number;
  /** Each operation sends every one of these in parallel and ends when the last answers. */
  parts: (RequestVariant & { url: string })[];
  timeoutSec?: number;
}

export type RunnerSpec = ({ kind: 'autocannon' } & LoadSpec) | FanOutSpec;

export interface LoadResult {
  /** Completed requests (operations for a fan-out). */
  requests: number;
  durationSec: number;
  /** Completed requests per second. */
  throughput: number;
  /** Milliseconds. */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Socket errors and timeouts. */
  transportErrors: number;
  non2xx: number;
  /** Answers whose body carries GraphQL errors. */
  graphqlErrors: number;
  counts: Record<string, number>;
  /** The first erroneous answer seen, to say what went wrong. */
  sampleError?: string;
}
