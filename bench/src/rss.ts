import { processMetric } from './process-metrics';

/**
 * Samples each process's resident memory from its /metrics
 * (process_resident_memory_bytes, which prom-client reads from /proc) and
 * keeps the highest seen, so the figure is the peak under the benchmarks' load.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  /** Peaks since the last `takeWindow`: which benchmark drove a process up. */
  private window = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    /** Process name → its base URL (http://host:port). */
    private readonly processes: Record<string, string>,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    const tick = (): void => {
      void this.sample().finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Peak bytes per process; a process never sampled is absent. */
  peaksInBytes(): Map<string, number> {
    return new Map(this.peaks);
  }

  /** Peak bytes per process since the last call (or the start), then starts a new window. */
  takeWindow(): Map<string, number> {
    const window = this.window;
    this.window = new Map();
    return window;
  }

  private async sample(): Promise<void> {
    await Promise.all(
      Object.entries(this.processes).map(async ([name, baseUrl]) => {
        try {
          const bytes = await processMetric(baseUrl, 'process_resident_memory_bytes');
          if (bytes === undefined) return;
          this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, bytes));
          this.window.set(name, Math.max(this.window.get(name) ?? 0, bytes));
        } catch {
          // A process that is busy or restarting is sampled next time.
        }
      }),
    );
  }
}
