import express, { type Express } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Lifecycle } from '../lifecycle';
import { correlationIdFrom, CORRELATION_HEADER, withCorrelationId } from '../request-context';
import { mountOperationalRoutes, type DependencyCheck } from './health';
import type { Metrics } from './metrics';

export interface HttpAppOptions {
  service: string;
  metrics: Metrics;
  dependencies: readonly DependencyCheck[];
  /** Security headers; the default suits JSON APIs and the Sandbox landing page. */
  helmet?: HelmetOptions;
}

/**
 * An Express app with what every HTTP process has: security headers, a
 * correlation id on every request (taken from the caller or created), request
 * metrics, and /health, /ready and /metrics.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // The gateway (and a load balancer before it) run on loopback or a private network.
  app.set('trust proxy', ['loopback', 'linklocal', 'uniquelocal']);
  app.use(
    helmet(options.helmet ?? { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }),
  );
  app.use((req, res, next) => {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    res.setHeader(CORRELATION_HEADER, correlationId);
    withCorrelationId(correlationId, next);
  });
  app.use(options.metrics.httpMiddleware());
  mountOperationalRoutes(app, options.service, options.dependencies, options.metrics);
  return app;
}

/** Listens, and closes gracefully at shutdown: no new connections, in-flight requests finish. */
export async function listen(
  app: Express,
  port: number,
  host: string,
  lifecycle: Lifecycle,
): Promise<http.Server> {
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  lifecycle.onShutdown('http server', () => closeServer(server));
  return server;
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

export function boundPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
