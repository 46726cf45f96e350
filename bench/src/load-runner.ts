import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { FanOutSpec, LoadResult, LoadSpec, RequestVariant, RunnerSpec } from './load-spec';
import { percentile } from './stats';

/**
 * The load generator, run as a process of its own so its work never shares an
 * event loop with the measuring process: reads a RunnerSpec as JSON on stdin,
 * writes a LoadResult as JSON on stdout.
 */

const ID_PLACEHOLDER = /\[<id>\]/g;

function headersFor(variant: RequestVariant): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json',
    ...(variant.token === undefined ? {} : { authorization: `Bearer ${variant.token}` }),
    ...variant.headers,
  };
}

class BodyWatch {
  graphqlErrors = 0;
  sampleError?: string;
  readonly counts: Record<string, number>;

  constructor(private readonly patterns: Record<string, string> = {}) {
    this.counts = Object.fromEntries(Object.keys(patterns).map((name) => [name, 0]));
  }

  record(status: number, body: string): void {
    if (body.includes('"errors":')) this.graphqlErrors++;
    if ((status >= 300 || body.includes('"errors":')) && this.sampleError === undefined) {
      this.sampleError = `HTTP ${status} ${body.slice(0, 400)}`;
    }
    for (const [name, text] of Object.entries(this.patterns)) {
      if (body.includes(text)) this.counts[name]++;
    }
  }
}

function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const watch = new BodyWatch(spec.count);
  let next = 0;
  const request: autocannon.Request = {
    method: 'POST',
    setupRequest: (req) => {
      const variant = spec.variants[next++ % spec.variants.length];
      return {
        ...req,
        headers: headersFor(variant),
        body: variant.body.replace(ID_PLACEHOLDER, () => randomUUID()),
      };
    },
    onResponse: (status, body) => watch.record(status, body),
  };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        ...(spec.amount === undefined ? { duration: spec.durationSec } : { amount: spec.amount }),
        timeout: spec.timeoutSec ?? 10,
        requests: [request],
      },
      (error, result) => {
        if (error) return reject(error);
        const completed = result['2xx'] + result.non2xx;
        resolve({
          requests: completed,
          durationSec: result.duration,
          throughput: completed / result.duration,
          latency: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
            mean: result.latency.mean,
          },
          transportErrors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          graphqlErrors: watch.graphqlErrors,
          counts: watch.counts,
          sampleError: watch.sampleError,
        });
      },
    );
  });
}

function post(
  agent: http.Agent,
  url: string,
  variant: RequestVariant,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = variant.body.replace(ID_PLACEHOLDER, () => randomUUID());
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headersFor(variant), 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Answers and latencies of a run that times each request itself. */
class Tally {
  readonly watch: BodyWatch;
  readonly latencies: number[] = [];
  transportErrors = 0;
  non2xx = 0;

  constructor(patterns?: Record<string, string>) {
    this.watch = new BodyWatch(patterns);
  }

  answered(answer: { status: number; body: string }): void {
    if (answer.status >= 300) this.non2xx++;
    this.watch.record(answer.status, answer.body);
  }

  result(durationSec: number): LoadResult {
    const sorted = this.latencies.sort((a, b) => a - b);
    const ms = (value: number) => Math.round(value * 100) / 100;
    return {
      requests: sorted.length,
      durationSec,
      throughput: sorted.length / durationSec,
      latency: {
        p50: ms(percentile(sorted, 50)),
        p90: ms(percentile(sorted, 90)),
        p99: ms(percentile(sorted, 99)),
        max: ms(sorted.at(-1) ?? 0),
        mean: ms(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
      },
      transportErrors: this.transportErrors,
      non2xx: this.non2xx,
      graphqlErrors: this.watch.graphqlErrors,
      counts: this.watch.counts,
      sampleError: this.watch.sampleError,
    };
  }
}

/**
 * An open load at a constant rate, paced as wrk2, k6's constant-arrival-rate
 * and vegeta pace theirs: request i is due at start + i/rate whatever the
 * earlier ones are doing, goes out on one of `connections` kept-alive sockets
 * (waiting for one when all are busy), and its latency counts from when it was
 * due, so a stall shows in the figures instead of slowing the load.
 *
 * Not autocannon's overallRate: each of its connections sends its share of a
 * second back to back at the top of every second (200/s from 50 connections
 * arrives as a burst of 200), and it records each latency "with an expected
 * interval" of Math.ceil(1 / per-connection rate) = 1 ms, which adds a phantom
 * sample for every millisecond of every answer.
 */
async function runPaced(spec: LoadSpec & { rate: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const tally = new Tally(spec.count);
  const timeoutMs = (spec.timeoutSec ?? 10) * 1000;
  const total = spec.amount ?? Math.round(spec.rate * spec.durationSec);
  const intervalMs = 1000 / spec.rate;
  const inFlight: Promise<void>[] = [];
  const send = async (due: number, variant: RequestVariant): Promise<void> => {
    try {
      tally.answered(await post(agent, spec.url, variant, timeoutMs));
      tally.latencies.push(performance.now() - due);
    } catch {
      tally.transportErrors++;
    }
  };
  const started = performance.now();
  for (let sent = 0; sent < total;) {
    for (; sent < total && started + sent * intervalMs <= performance.now(); sent++) {
      inFlight.push(send(started + sent * intervalMs, spec.variants[sent % spec.variants.length]));
    }
    const wait = started + sent * intervalMs - performance.now();
    if (sent < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return tally.result((performance.now() - started) / 1000);
}

/** A closed loop of `connections` operations, each its parts in parallel, timed end to end. */
async function runFanOut(spec: FanOutSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const tally = new Tally();
  const timeoutMs = (spec.timeoutSec ?? 10) * 1000;
  const started = performance.now();
  const deadline = started + spec.durationSec * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        const answers = await Promise.all(
          spec.parts.map((part) => post(agent, part.url, part, timeoutMs)),
        );
        tally.latencies.push(performance.now() - begin);
        for (const answer of answers) tally.answered(answer);
      } catch {
        tally.transportErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  agent.destroy();
  return tally.result((performance.now() - started) / 1000);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const spec = JSON.parse(await readStdin()) as RunnerSpec;
  const result =
    spec.kind === 'fan-out'
      ? await runFanOut(spec)
      : spec.rate === undefined
        ? await runAutocannon(spec)
        : await runPaced({ ...spec, rate: spec.rate });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`load runner: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
