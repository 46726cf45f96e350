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
        ...(spec.rate === undefined ? {} : { overallRate: spec.rate }),
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
  part: FanOutSpec['parts'][number],
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = part.body.replace(ID_PLACEHOLDER, () => randomUUID());
    const req = http.request(
      part.url,
      {
        method: 'POST',
        agent,
        headers: { ...headersFor(part), 'content-length': Buffer.byteLength(body) },
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

/** A closed loop of `connections` operations, each its parts in parallel, timed end to end. */
async function runFanOut(spec: FanOutSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const watch = new BodyWatch();
  const latencies: number[] = [];
  let transportErrors = 0;
  let non2xx = 0;
  const started = performance.now();
  const deadline = started + spec.durationSec * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        const answers = await Promise.all(
          spec.parts.map((part) => post(agent, part, (spec.timeoutSec ?? 10) * 1000)),
        );
        latencies.push(performance.now() - begin);
        for (const answer of answers) {
          if (answer.status >= 300) non2xx++;
          watch.record(answer.status, answer.body);
        }
      } catch {
        transportErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  const durationSec = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    durationSec,
    throughput: sorted.length / durationSec,
    latency: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
      mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
    },
    transportErrors,
    non2xx,
    graphqlErrors: watch.graphqlErrors,
    counts: watch.counts,
    sampleError: watch.sampleError,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const spec = JSON.parse(await readStdin()) as RunnerSpec;
  const result = spec.kind === 'fan-out' ? await runFanOut(spec) : await runAutocannon(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`load runner: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
