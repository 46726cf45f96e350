import {
  createHttpApp,
  createLogger,
  createLogShipper,
  Lifecycle,
  listen,
  loadConfig,
  Metrics,
  mountErrorHandlers,
  runMain,
} from '@astrobookings/shared';
import path from 'node:path';
import { builtApps, mountWebApps, WEB_APPS } from './web-apps';

const SERVICE = 'web';
const config = loadConfig(SERVICE, ['http', 'ports', 'web', 'systemMongo', 'logShipping']);
const logShipper = createLogShipper(SERVICE, config);
const logger = createLogger(SERVICE, { level: config.logLevel, streams: logShipper.streams });
/** clients/server/dist → clients/dist */
const DIST_DIR = path.resolve(__dirname, '..', '..', 'dist');

async function main(): Promise<void> {
  const lifecycle = new Lifecycle(logger);
  lifecycle.installSignalHandlers();
  // Registered first, so it closes last and ships the shutdown's own lines.
  lifecycle.onShutdown('log shipping', () => logShipper.close());
  const built = builtApps(DIST_DIR);
  const missing = WEB_APPS.filter((app) => !built.includes(app));
  if (missing.length > 0) {
    logger.warn({ missing }, 'some web apps are not built yet (npm run build)');
  }
  const app = createHttpApp({
    service: SERVICE,
    metrics: new Metrics(SERVICE),
    // Serving files needs nothing else: ready as soon as it listens.
    dependencies: [],
    helmet: {
      // Each app answer carries its own policy (it names the gateway).
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
    },
  });
  mountWebApps(app, { distDir: DIST_DIR, gatewayPublicUrl: config.web.gatewayPublicUrl });
  mountErrorHandlers(app, logger);
  await listen(app, config.ports.web, config.http.host, lifecycle);
  logger.info({ port: config.ports.web, apps: built }, 'web apps listening');
}

runMain(logger, main);
