import type { Logger } from './logger';

type Closer = () => unknown;

/**
 * Graceful shutdown: on SIGTERM or SIGINT, close what the process opened in the
 * reverse order it was opened (stop taking work first, stores last), then exit 0.
 * A close that hangs past the bound exits 1.
 */
export class Lifecycle {
  private readonly closers: { name: string; close: Closer }[] = [];
  private stopping?: Promise<void>;

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Registers something to close at shutdown; later registrations close first. */
  onShutdown(name: string, close: Closer): void {
    this.closers.push({ name, close });
  }

  shutdown(reason: string): Promise<void> {
    this.stopping ??= this.closeAll(reason);
    return this.stopping;
  }

  private async closeAll(reason: string): Promise<void> {
    this.logger.info({ reason }, 'shutting down');
    for (const { name, close } of [...this.closers].reverse()) {
      try {
        await close();
      } catch (error) {
        this.logger.error({ err: error, closer: name }, 'error while shutting down');
      }
    }
  }

  installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals): void => {
      const force = setTimeout(() => {
        this.logger.error({ signal }, 'shutdown timed out');
        process.exit(1);
      }, this.timeoutMs);
      force.unref();
      void this.shutdown(signal).then(() => {
        this.logger.flush();
        process.exit(0);
      });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
}

/** Runs a process's main function; a failure to start is logged as one line and exits 1. */
export function runMain(logger: Logger, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, 'failed to start');
    logger.flush();
    process.exit(1);
  });
}
