import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScriptError } from './cli';
import { connectPostgres, INVALID_CATALOG_NAME, parsePostgresUrl, sqlState } from './postgres';

export { sleep };

/**
 * Retries `attempt` until it succeeds or `timeoutMs` passes. A ScriptError is
 * final (e.g. wrong credentials: waiting will not help) and is thrown at once.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T>,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof ScriptError) throw error;
      if (Date.now() >= deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ScriptError(
          `${what} did not answer within ${Math.round(timeoutMs / 1000)} s (${reason})`,
        );
      }
    }
    await sleep(intervalMs);
  }
}

/** Whether anything accepts TCP connections at host:port. */
export function tcpOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const AUTH_FAILURES = new Set(['28P01', '28000']);

/** Resolves when the PostgreSQL server answers; a missing database still counts as answering. */
export async function pingPostgres(url: string): Promise<void> {
  const target = parsePostgresUrl(url);
  try {
    const client = await connectPostgres(target.connectionString, 2_000);
    try {
      await client.query('SELECT 1');
    } finally {
      await client.end();
    }
  } catch (error) {
    const state = sqlState(error);
    if (state === INVALID_CATALOG_NAME) return;
    if (state !== undefined && AUTH_FAILURES.has(state)) {
      throw new ScriptError(
        `PostgreSQL at ${target.address} refused the credentials in DATABASE_URL`,
      );
    }
    throw error;
  }
}

/** Resolves when Redis answers PING. */
export async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() and ping() report the failure; the event would only repeat it.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/NOAUTH|WRONGPASS|invalid password/i.test(message)) {
      throw new ScriptError(`Redis refused the credentials in REDIS_URL (${message})`);
    }
    throw error;
  } finally {
    redis.disconnect();
  }
}

/**
 * Pings a MongoDB URL and names what answered, e.g. "FerretDB v1.24.2" or
 * "MongoDB 7.0.14" (FerretDB reports its own version beside the one it emulates).
 */
export async function identifyMongo(url: string, timeoutMs = 2_000): Promise<string> {
  const connection = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await connection.asPromise();
    const db = connection.db;
    if (db === undefined) throw new Error('not connected');
    const info = await db.admin().command({ buildInfo: 1 });
    const ferretdb: unknown = info.ferretdbVersion;
    return typeof ferretdb === 'string'
      ? `FerretDB ${ferretdb}`
      : `MongoDB ${String(info.version)}`;
  } catch (error) {
    if ((error as { codeName?: unknown }).codeName === 'AuthenticationFailed') {
      throw new ScriptError(`MongoDB refused the credentials in ${redactedUrl(url)}`);
    }
    throw error;
  } finally {
    await connection.close(true);
  }
}

function redactedUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}
