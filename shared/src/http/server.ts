import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../errors';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../logger';
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
    // close() waits for every connection, and a client's keep-alive connection stays open
    // after its response: each one is closed as soon as it is idle, now or once the
    // response in flight on it is sent, so shutdown never waits on a client's pool.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export function boundPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * The last middleware of every app: malformed or oversized bodies and unknown
 * routes answer JSON with a contract code; nothing else about the failure leaks.
 */
export function mountErrorHandlers(app: Express, logger: Logger): void {
  app.use((_req: Request, res: Response) => {
    res
      .status(404)
      .json({ errors: [{ message: 'Not found', extensions: { code: ErrorCode.NotFound } }] });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        (error as { type?: string }).type === 'entity.too.large'
          ? 'Request body is too large'
          : 'Malformed request body';
      res
        .status(status)
        .json({ errors: [{ message, extensions: { code: ErrorCode.BadUserInput } }] });
      return;
    }
    logger.error({ err: error }, 'unhandled HTTP error');
    res.status(500).json({
      errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.Internal } }],
    });
  });
}
