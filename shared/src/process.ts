import { loadConfig, type AppConfig, type SectionName } from './config';
import { Lifecycle, runMain } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { createLogShipper } from './logging/mongo-log-stream';

/** What every process reads besides its own sections: where its logs are shipped. */
export const PROCESS_SECTIONS = ['systemMongo', 'logShipping'] as const;

export interface ProcessContext<K extends SectionName> {
  config: AppConfig<K | (typeof PROCESS_SECTIONS)[number]>;
  logger: Logger;
  lifecycle: Lifecycle;
}

/**
 * Runs one of the project's processes: reads its configuration once, ships
 * its JSON logs to the system store, installs graceful shutdown, then runs
 * `main`. A failure to start is one logged line and exit 1.
 */
export function runProcess<K extends SectionName>(
  service: string,
  sections: readonly K[],
  main: (context: ProcessContext<K>) => Promise<void>,
): void {
  const config = loadConfig(service, [...sections, ...PROCESS_SECTIONS]);
  const logShipper = createLogShipper(service, config);
  const logger = createLogger(service, { level: config.logLevel, streams: logShipper.streams });
  const lifecycle = new Lifecycle(logger);
  lifecycle.installSignalHandlers();
  // Registered first, so it closes last and ships the shutdown's own lines.
  lifecycle.onShutdown('log shipping', () => logShipper.close());
  runMain(logger, () => main({ config, logger, lifecycle }));
}
