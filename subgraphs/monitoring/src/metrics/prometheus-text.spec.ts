import { Counter, Histogram, Registry } from 'prom-client';
import { parsePrometheusText } from './prometheus-text';

describe('parsePrometheusText', () => {
  it('reads samples with labels, escapes, special values and timestamps', () => {
    const samples = parsePrometheusText(
      [
        '# HELP http_requests_total Requests',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="GET",route="/graphql",status="200"} 1027',
        'http_requests_total{method="POST",route="/a\\"b\\\\c\\nd",status="500"} 3 1700000000000',
        'process_start_time_seconds 1.7e9',
        'latency_bucket{le="+Inf"} +Inf',
        'temperature -Inf',
        '',
      ].join('\n'),
    );
    expect(samples).toEqual([
      {
        name: 'http_requests_total',
        labels: { method: 'GET', route: '/graphql', status: '200' },
        value: 1027,
      },
      {
        name: 'http_requests_total',
        labels: { method: 'POST', route: '/a"b\\c\nd', status: '500' },
        value: 3,
      },
      { name: 'process_start_time_seconds', labels: {}, value: 1.7e9 },
      { name: 'latency_bucket', labels: { le: '+Inf' }, value: Infinity },
      { name: 'temperature', labels: {}, value: -Infinity },
    ]);
  });

  it('skips malformed lines and keeps the rest', () => {
    const samples = parsePrometheusText(
      [
        'ok_total 1',
        'broken{label=unquoted} 2',
        'no_value',
        'nan_value NaN',
        'ok_total{a="1",} 4',
      ].join('\n'),
    );
    expect(samples).toEqual([
      { name: 'ok_total', labels: {}, value: 1 },
      { name: 'ok_total', labels: { a: '1' }, value: 4 },
    ]);
  });

  it('reads what prom-client serves', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'gateway' });
    const counter = new Counter({
      name: 'graphql_operations_total',
      help: 'ops',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    });
    const histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'duration',
      labelNames: ['route'],
      buckets: [0.1, 1],
      registers: [registry],
    });
    counter.inc({ operation: 'Me', outcome: 'ok' }, 2);
    histogram.observe({ route: '/graphql' }, 0.05);
    histogram.observe({ route: '/graphql' }, 0.5);

    const samples = parsePrometheusText(await registry.metrics());
    expect(samples).toContainEqual({
      name: 'graphql_operations_total',
      labels: { operation: 'Me', outcome: 'ok', service: 'gateway' },
      value: 2,
    });
    expect(samples).toContainEqual({
      name: 'http_request_duration_seconds_bucket',
      labels: { le: '0.1', route: '/graphql', service: 'gateway' },
      value: 1,
    });
    expect(samples).toContainEqual({
      name: 'http_request_duration_seconds_count',
      labels: { route: '/graphql', service: 'gateway' },
      value: 2,
    });
  });
});
