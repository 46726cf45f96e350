import type { Logger } from '@astrobookings/shared';

export interface RetentionRule {
  /** What is purged, for the log line. */
  name: string;
  retentionDays: number;
  purgeOlderThan: (cutoff: Date) => Promise<number>;
}

const DAY_MS = 86_400_000;

/** FerretDB has no TTL indexes, so old logs, metrics and sync runs are purged by a periodic sweep. */
export class RetentionSweeper {
  constructor(
    private readonly rules: readonly RetentionRule[],
    private readonly logger: Logger,
  ) {}

  async sweep(now = new Date()): Promise<Record<string, number>> {
    const purged: Record<string, number> = {};
    for (const rule of this.rules) {
      purged[rule.name] = await rule.purgeOlderThan(
        new Date(now.getTime() - rule.retentionDays * DAY_MS),
      );
    }
    return purged;
  }

  /** Sweeps now and every `intervalMs` until the returned function is called. */
  start(intervalMs: number): () => void {
    const run = (): void => {
      this.sweep()
        .then((purged) => this.logger.info({ purged }, 'retention sweep done'))
        .catch((error: unknown) => this.logger.error({ err: error }, 'retention sweep failed'));
    };
    run();
    const timer = setInterval(run, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
