import type { MetricSample } from './prometheus-text';

/** Routes the monitoring itself (and load balancers) call: they are not traffic. */
const OPERATIONAL_ROUTES = new Set(['/metrics', '/health', '/ready']);

/**
 * A process's request counters at one scrape: totals since it started, from
 * the shared Metrics (http_request_duration_seconds, graphql_operations_total).
 */
export interface RequestCounters {
  requests: number;
  /** HTTP 5xx answers plus GraphQL operations that returned errors. */
  errors: number;
  /** Cumulative latency histogram: upper bound in seconds (Infinity last) → requests at or under it. */
  buckets: Map<number, number>;
}

export function requestCounters(samples: readonly MetricSample[]): RequestCounters {
  const counters: RequestCounters = { requests: 0, errors: 0, buckets: new Map() };
  for (const sample of samples) {
    const route = sample.labels.route;
    if (route !== undefined && OPERATIONAL_ROUTES.has(route)) continue;
    switch (sample.name) {
      case 'http_request_duration_seconds_count':
        counters.requests += sample.value;
        if (Number(sample.labels.status) >= 500) counters.errors += sample.value;
        break;
      case 'http_request_duration_seconds_bucket': {
        const bound = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
        counters.buckets.set(bound, (counters.buckets.get(bound) ?? 0) + sample.value);
        break;
      }
      case 'graphql_operations_total':
        if (sample.labels.outcome === 'error') counters.errors += sample.value;
        break;
      default:
        break;
    }
  }
  return counters;
}

/** What happened between two scrapes; a counter that went down means the process restarted. */
export function countersSince(
  current: RequestCounters,
  previous: RequestCounters | undefined,
): RequestCounters {
  const restarted = previous === undefined || current.requests < previous.requests;
  if (restarted) return current;
  const delta = (now: number, before: number): number => Math.max(0, now - before);
  return {
    requests: delta(current.requests, previous.requests),
    errors: delta(current.errors, previous.errors),
    buckets: new Map(
      [...current.buckets].map(([bound, count]) => [
        bound,
        delta(count, previous.buckets.get(bound) ?? 0),
      ]),
    ),
  };
}

export function mergeCounters(all: readonly RequestCounters[]): RequestCounters {
  const merged: RequestCounters = { requests: 0, errors: 0, buckets: new Map() };
  for (const counters of all) {
    merged.requests += counters.requests;
    merged.errors += counters.errors;
    for (const [bound, count] of counters.buckets) {
      merged.buckets.set(bound, (merged.buckets.get(bound) ?? 0) + count);
    }
  }
  return merged;
}

/**
 * The q-quantile of a cumulative histogram, interpolated within its bucket as
 * Prometheus's histogram_quantile does; null without observations. Past the
 * highest finite bound the answer is that bound.
 */
export function histogramQuantile(q: number, buckets: ReadonlyMap<number, number>): number | null {
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Infinity) return lowerBound;
      if (count === lowerCount) return bound;
      return lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / (count - lowerCount);
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}
