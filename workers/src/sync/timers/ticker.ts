import type { Logger } from '@astrobookings/shared';

/**
 * Runs a task every `intervalMs`, one run at a time (a slow run delays the next
 * instead of overlapping it); a failed run is logged and the next one tries again.
 */
export class Ticker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** Asked to run while running: runs again as soon as it is done. */
  private again = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Runs the task now rather than at the next interval (after the run in progress, if any). */
  runNow(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.task()
        .then(
          () => undefined,
          (error: unknown) =>
            this.logger.error({ err: error, task: this.name }, 'periodic task failed'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.again ? 0 : this.intervalMs);
          this.again = false;
        });
    }, delayMs);
  }
}
