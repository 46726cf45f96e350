import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/client';

export * from './generated/client';
export * from './outbox';

export interface PrismaClientOptions {
  /** Connections in the pool (node-postgres' default is 10). */
  maxConnections?: number;
  /** Called with every SQL statement the client sends, e.g. to count them in tests. */
  onQuery?: (event: Prisma.QueryEvent) => void;
}

/** A Prisma client for the operational PostgreSQL, over node-postgres. Connects on first use. */
export function createPrismaClient(
  databaseUrl: string,
  options: PrismaClientOptions = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
  });
  if (options.onQuery === undefined) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', options.onQuery);
  return client;
}
