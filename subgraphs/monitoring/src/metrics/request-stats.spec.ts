import { parsePrometheusText } from './prometheus-text';
import {
  countersSince,
  histogramQuantile,
  mergeCounters,
  requestCounters,
  type RequestCounters,
} from './request-stats';

function scrape(requests: { route: string; status: string; buckets: [string, number][] }[]) {
  const lines: string[] = [];
  for (const { route, status, buckets } of requests) {
    const labels = `method="POST",route="${route}",status="${status}"`;
    for (const [le, count] of buckets) {
      lines.push(`http_request_duration_seconds_bucket{le="${le}",${labels}} ${count}`);
    }
    lines.push(`http_request_duration_seconds_count{${labels}} ${buckets.at(-1)![1]}`);
  }
  return lines;
}

describe('requestCounters', () => {
  it('counts traffic and failures, leaving out the operational routes', () => {
    const text = [
      ...scrape([
        {
          route: '/',
          status: '200',
          buckets: [
            ['0.1', 80],
            ['1', 95],
            ['+Inf', 100],
          ],
        },
        {
          route: '/',
          status: '500',
          buckets: [
            ['0.1', 0],
            ['1', 4],
            ['+Inf', 5],
          ],
        },
        {
          route: '/metrics',
          status: '200',
          buckets: [
            ['0.1', 1000],
            ['1', 1000],
            ['+Inf', 1000],
          ],
        },
        {
          route: '/ready',
          status: '503',
          buckets: [
            ['0.1', 7],
            ['1', 7],
            ['+Inf', 7],
          ],
        },
      ]),
      'graphql_operations_total{operation="Me",outcome="ok"} 90',
      'graphql_operations_total{operation="Login",outcome="error"} 10',
    ].join('\n');
    const counters = requestCounters(parsePrometheusText(text));
    expect(counters.requests).toBe(105);
    expect(counters.errors).toBe(15);
    expect([...counters.buckets]).toEqual([
      [0.1, 80],
      [1, 99],
      [Infinity, 105],
    ]);
  });
});

describe('countersSince', () => {
  const at = (requests: number, errors: number, fast: number): RequestCounters => ({
    requests,
    errors,
    buckets: new Map([
      [0.1, fast],
      [Infinity, requests],
    ]),
  });

  it('is the difference between two scrapes', () => {
    const delta = countersSince(at(150, 7, 100), at(100, 5, 90));
    expect(delta).toEqual(at(50, 2, 10));
  });

  it('takes everything as new when the process restarted (its counters went down)', () => {
    expect(countersSince(at(20, 1, 15), at(100, 5, 90))).toEqual(at(20, 1, 15));
    expect(countersSince(at(20, 1, 15), undefined)).toEqual(at(20, 1, 15));
  });

  it('merges processes bucket by bucket', () => {
    expect(mergeCounters([at(10, 1, 5), at(30, 0, 30)])).toEqual(at(40, 1, 35));
  });
});

describe('histogramQuantile', () => {
  it('interpolates within the bucket that holds the rank, as Prometheus does', () => {
    const buckets = new Map([
      [0.1, 50],
      [0.5, 90],
      [1, 100],
      [Infinity, 100],
    ]);
    // Rank 95 of 100 falls halfway through the (0.5, 1] bucket.
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.75);
    // Rank 50 is the top of the first bucket.
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1);
  });

  it('answers the highest finite bound when the rank is past it, and null without data', () => {
    expect(
      histogramQuantile(
        0.95,
        new Map([
          [0.1, 1],
          [Infinity, 10],
        ]),
      ),
    ).toBe(0.1);
    expect(histogramQuantile(0.95, new Map([[Infinity, 0]]))).toBeNull();
    expect(histogramQuantile(0.95, new Map())).toBeNull();
  });
});
