import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import {
  createQueue,
  ErrorCode,
  hasAnyRole,
  QUEUE_NAMES,
  Role,
  UnauthenticatedError,
  type AccessTokenVerifier,
  type Logger,
  type QueueSettings,
} from '@astrobookings/shared';

/** Where bull-board is served (the contract's address). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie the IT operations app sets with the operator's access token. */
export const OPS_TOKEN_COOKIE = 'astro_ops_token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Credential = { token: string; via: 'header' | 'cookie' } | { malformed: true } | undefined;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

/** The access token of a dashboard request: the Authorization header wins over the cookie. */
export function credentialOf(req: Request): Credential {
  const header = req.headers.authorization?.trim();
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] === undefined ? { malformed: true } : { token: match[1], via: 'header' };
  }
  const cookie = cookieValue(req.headers.cookie, OPS_TOKEN_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

/**
 * A cookie is sent by the browser on any request to this origin, so a
 * cookie-authenticated change (retry, clean, pause) must come from this origin:
 * a page elsewhere cannot make the browser use the operator's cookie.
 */
function sameOrigin(req: Request): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  if (source === undefined) return false;
  try {
    return new URL(source).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(res: Response, status: 401 | 403 | 503, code: ErrorCode, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="queues"');
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** 401 without a valid token, 403 for anyone but an OPERATOR, then bull-board. */
export function operatorOnly(verifier: AccessTokenVerifier, logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const credential = credentialOf(req);
    if (credential === undefined || 'malformed' in credential) {
      refuse(res, 401, ErrorCode.Unauthenticated, 'An operator access token is required');
      return;
    }
    verifier
      .verify(credential.token)
      .then((principal) => {
        if (!hasAnyRole(principal, [Role.OPERATOR])) {
          refuse(res, 403, ErrorCode.Forbidden, 'Only operators may use the queue dashboard');
        } else if (
          credential.via === 'cookie' &&
          !SAFE_METHODS.has(req.method) &&
          !sameOrigin(req)
        ) {
          refuse(res, 403, ErrorCode.Forbidden, 'Cross-site request refused');
        } else {
          next();
        }
      })
      .catch((error: unknown) => {
        if (error instanceof UnauthenticatedError) {
          refuse(res, 401, ErrorCode.Unauthenticated, error.message);
          return;
        }
        logger.error({ err: error }, 'queue dashboard could not verify a token');
        refuse(res, 503, ErrorCode.Internal, 'Cannot verify the access token right now');
      });
  };
}

/**
 * Mounts bull-board for every queue of the project behind operatorOnly;
 * returns what closes its queue connections.
 */
export function mountQueueDashboard(
  app: Express,
  verifier: AccessTokenVerifier,
  settings: QueueSettings,
  logger: Logger,
): () => Promise<void> {
  const queues = QUEUE_NAMES.map((name) => createQueue(name, settings));
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'AstroBookings queues' } },
  });
  app.use(
    QUEUE_DASHBOARD_PATH,
    operatorOnly(verifier, logger),
    serverAdapter.getRouter() as RequestHandler,
  );
  return async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  };
}
