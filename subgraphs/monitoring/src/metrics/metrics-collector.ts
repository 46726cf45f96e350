import type { Logger } from '@astrobookings/shared';
import type { WatchedProcess } from '../health/watched-processes';
import type { ProjectQueues } from '../queue/project-queues';
import { parsePrometheusText } from './prometheus-text';
import {
  countersSince,
  histogramQuantile,
  mergeCounters,
  requestCounters,
  type RequestCounters,
} from './request-stats';
import type { NewSnapshot, SystemMetricsRepository } from './system-metrics.repository';

const SCRAPE_TIMEOUT_MS = 3_000;

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
const latencyMs = (counters: RequestCounters): number | null => {
  const seconds = histogramQuantile(0.95, counters.buckets);
  return seconds === null ? null : round(seconds * 1000, 1);
};

/**
 * Takes the periodic system snapshots: scrapes every process's /metrics,
 * turns the counters into rates over the interval since the last scrape, adds
 * the queues' depth and stores the snapshot. The first scrape only primes the
 * counters.
 */
export class MetricsCollector {
  private previous = new Map<string, RequestCounters>();
  private previousAt?: number;

  constructor(
    private readonly processes: readonly WatchedProcess[],
    private readonly queues: ProjectQueues,
    private readonly snapshots: SystemMetricsRepository,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  /** Takes and stores one snapshot; undefined for the priming scrape. */
  async takeSnapshot(now = new Date()): Promise<NewSnapshot | undefined> {
    const [scrapes, queues] = await Promise.all([
      Promise.all(
        this.processes.map(async (process) => [process, await this.scrape(process)] as const),
      ),
      this.queues.counts(),
    ]);
    const previousAt = this.previousAt;
    this.previousAt = now.getTime();
    const deltas = new Map<string, RequestCounters>();
    for (const [process, counters] of scrapes) {
      if (counters === undefined) continue;
      deltas.set(process.service, countersSince(counters, this.previous.get(process.service)));
      this.previous.set(process.service, counters);
    }
    if (previousAt === undefined) return undefined;

    const seconds = Math.max((now.getTime() - previousAt) / 1000, 0.001);
    const total = mergeCounters([...deltas.values()]);
    const snapshot: NewSnapshot = {
      takenAt: now,
      intervalSeconds: round(seconds),
      requestRate: round(total.requests / seconds),
      errorRate: round(total.errors / seconds),
      errorRatio: total.requests === 0 ? 0 : round(Math.min(1, total.errors / total.requests), 4),
      p95LatencyMs: latencyMs(total),
      queueDepth: queues.reduce((sum, queue) => sum + queue.waiting + queue.delayed, 0),
      services: scrapes.map(([process]) => {
        const delta = deltas.get(process.service);
        return {
          service: process.service,
          up: delta !== undefined,
          requestRate: delta === undefined ? 0 : round(delta.requests / seconds),
          errorRate: delta === undefined ? 0 : round(delta.errors / seconds),
          p95LatencyMs: delta === undefined ? null : latencyMs(delta),
        };
      }),
      queues: queues.map(({ name, waiting, active, delayed, failed }) => ({
        name,
        waiting,
        active,
        delayed,
        failed,
      })),
    };
    await this.snapshots.add(snapshot);
    return snapshot;
  }

  /** Snapshots every `intervalMs` until the returned function is called. */
  start(intervalMs: number, logger: Logger): () => void {
    let running = false;
    const tick = (): void => {
      if (running) return;
      running = true;
      this.takeSnapshot()
        .catch((error: unknown) => logger.error({ err: error }, 'metrics snapshot failed'))
        .finally(() => {
          running = false;
        });
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async scrape({ baseUrl }: WatchedProcess): Promise<RequestCounters | undefined> {
    try {
      const response = await this.fetcher(`${baseUrl}/metrics`, {
        signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
      });
      if (!response.ok) return undefined;
      return requestCounters(parsePrometheusText(await response.text()));
    } catch {
      return undefined;
    }
  }
}
