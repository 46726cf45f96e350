import pg from 'pg';

/** Where a PostgreSQL URL points, in the parts the scripts need. */
export interface PostgresTarget {
  /** The URL as node-postgres understands it (Prisma's `schema` parameter removed). */
  connectionString: string;
  database: string;
  /** Prisma's `?schema=` parameter; `public` when absent. */
  schema: string;
  /** host:port, for messages (never the credentials). */
  address: string;
}

export function parsePostgresUrl(url: string): PostgresTarget {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '') throw new Error(`the PostgreSQL URL names no database`);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  return {
    connectionString: parsed.toString(),
    database,
    schema,
    address: `${parsed.hostname}:${parsed.port || '5432'}`,
  };
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  parsed.searchParams.delete('schema');
  return parsed.toString();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The SQLSTATE of a node-postgres error, if it is one. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/** Connects, or fails within the timeout; the caller ends the client. */
export async function connectPostgres(
  connectionString: string,
  timeoutMs = 5_000,
): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  // A server that goes away later must not crash the process through an unhandled 'error'.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/**
 * Creates the URL's database when it does not exist, the way Prisma does: from
 * the first maintenance database that exists. Another process creating it at
 * the same moment is not an error.
 * @returns whether this call created it
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = parsePostgresUrl(url);
  try {
    const client = await connectPostgres(target.connectionString);
    await client.end();
    return false;
  } catch (error) {
    if (sqlState(error) !== INVALID_CATALOG_NAME) throw error;
  }
  const admin = await connectMaintenanceDatabase(url);
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`);
    return true;
  } catch (error) {
    const state = sqlState(error);
    if (state === DUPLICATE_DATABASE || state === UNIQUE_VIOLATION) return false;
    throw error;
  } finally {
    await admin.end();
  }
}

/** Drops a database even while clients are connected (PostgreSQL 13+). */
export async function dropDatabase(url: string, database: string): Promise<void> {
  const admin = await connectMaintenanceDatabase(url);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function connectMaintenanceDatabase(url: string): Promise<pg.Client> {
  let lastError: unknown;
  for (const candidate of ['postgres', 'template1']) {
    try {
      return await connectPostgres(withDatabase(url, candidate));
    } catch (error) {
      if (sqlState(error) !== INVALID_CATALOG_NAME) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
