import { loadConfig, readConfig, type AppConfig } from '@astrobookings/shared';
import path from 'node:path';
import { printLine, runCli, ScriptError, type LineWriter } from './lib/cli';
import {
  FERRETDB_VERSION,
  ferretDbFiles,
  findOrInstallFerretDb,
  runningFerretDbPid,
  startFerretDb,
} from './lib/ferretdb';
import { dataDir as defaultDataDir, repoRoot } from './lib/paths';
import { ensureDatabase, parsePostgresUrl, withDatabase } from './lib/postgres';
import { identifyMongo, pingPostgres, pingRedis, tcpOpen, waitFor } from './lib/probes';

/**
 * The services script: makes sure every store the project needs answers.
 * PostgreSQL and Redis must be running (they are part of the machine); a
 * MongoDB is started as FerretDB when nothing answers at a local Mongo URL.
 * Whatever already answers is used as it is.
 */

const SECTIONS = ['database', 'redis', 'customerMongo', 'systemMongo'] as const;
export type ServicesConfig = Pick<AppConfig<(typeof SECTIONS)[number]>, (typeof SECTIONS)[number]>;

export type StoreName = 'postgresql' | 'redis' | 'customer mongodb' | 'system mongodb';

export interface StoreReport {
  store: StoreName;
  /** host:port */
  address: string;
  action: 'used' | 'started';
  /** The line printed for this store. */
  line: string;
}

export interface EnsureServicesOptions {
  /** Store URLs; read from the environment when absent. */
  config?: ServicesConfig;
  log?: LineWriter;
  /** Where FerretDB's log, pid file and state go. */
  dataDir?: string;
  /** How long to wait for each store to answer. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export async function ensureServices(options: EnsureServicesOptions = {}): Promise<StoreReport[]> {
  const config = options.config ?? readConfig('services', SECTIONS);
  const log = options.log ?? printLine;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const reports: StoreReport[] = [];
  const report = (entry: Omit<StoreReport, 'line'>, detail: string): void => {
    const line = `${entry.store}: ${detail}`;
    reports.push({ ...entry, line });
    log(line);
  };

  const postgres = parsePostgresUrl(config.database.url);
  await waitFor(`PostgreSQL at ${postgres.address} (DATABASE_URL)`, timeoutMs, () =>
    pingPostgres(config.database.url),
  ).catch(hint('PostgreSQL', 'postgres'));
  report(
    { store: 'postgresql', address: postgres.address, action: 'used' },
    `using the server at ${postgres.address} (DATABASE_URL)`,
  );

  const redisAddress = addressOf(config.redis.url, 6379);
  await waitFor(`Redis at ${redisAddress} (REDIS_URL)`, timeoutMs, () =>
    pingRedis(config.redis.url),
  ).catch(hint('Redis', 'redis'));
  report(
    { store: 'redis', address: redisAddress, action: 'used' },
    `using the server at ${redisAddress} (REDIS_URL)`,
  );

  const startedHere = new Map<string, StoreName>();
  const mongoStores = [
    { store: 'customer mongodb', variable: 'CUSTOMER_MONGO_URL', url: config.customerMongo.url },
    { store: 'system mongodb', variable: 'SYSTEM_MONGO_URL', url: config.systemMongo.url },
  ] as const;
  for (const { store, variable, url } of mongoStores) {
    const local = localMongoAddress(url);
    const address = local ? `${local.host}:${local.port}` : addressOf(url, 27017);
    const earlier = startedHere.get(address);
    if (earlier !== undefined) {
      report(
        { store, address, action: 'used' },
        `using the FerretDB started for the ${earlier} at ${address} (${variable})`,
      );
      continue;
    }
    if (local === undefined || (await tcpOpen(local.host.replace(/^\[|\]$/g, ''), local.port))) {
      const product = await waitFor(`MongoDB at ${address} (${variable})`, timeoutMs, () =>
        identifyMongo(url),
      ).catch(hint('MongoDB', 'mongo'));
      report(
        { store, address, action: 'used' },
        `using running ${product} at ${address} (${variable})`,
      );
      continue;
    }
    const files = ferretDbFiles(options.dataDir ?? defaultDataDir, local.port);
    const earlierPid = runningFerretDbPid(files.pidFile);
    if (earlierPid !== undefined) {
      // Started by an earlier run and still coming up (or stuck): never start a second one.
      const product = await waitFor(`FerretDB (pid ${earlierPid}) at ${address}`, timeoutMs, () =>
        identifyMongo(url),
      ).catch((error: unknown) => {
        throw new ScriptError(
          `${errorMessage(error)}; see ${display(files.logFile)}, stop it with \`kill ${earlierPid}\` and run again`,
        );
      });
      report(
        { store, address, action: 'used' },
        `using running ${product} at ${address} (${variable})`,
      );
      continue;
    }
    const { binary } = await findOrInstallFerretDb(
      log,
      process.env.FERRETDB_BIN?.trim() || undefined,
    );
    const database = process.env.FERRETDB_DATABASE?.trim() || 'ferretdb';
    const postgresqlUrl = withDatabase(config.database.url, database);
    await ensureDatabase(postgresqlUrl);
    const pid = await startFerretDb({
      binary,
      listenAddress: address,
      postgresqlUrl,
      mongoUrl: url,
      files,
    });
    startedHere.set(address, store);
    report(
      { store, address, action: 'started' },
      `started FerretDB ${FERRETDB_VERSION} at ${address} (${variable}; pid ${pid}, ` +
        `PostgreSQL database "${database}", log ${display(files.logFile)})`,
    );
  }
  return reports;
}

function addressOf(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || defaultPort}`;
  } catch {
    // Several hosts (a replica set) do not parse as one URL; name them as written.
    return url.replace(/^[a-z+]+:\/\/([^@/]*@)?/, '').split('/')[0] ?? url;
  }
}

/** host and port of a single-host mongodb:// URL on this machine: only there can FerretDB be started. */
function localMongoAddress(url: string): { host: string; port: number } | undefined {
  if (!url.startsWith('mongodb://')) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback ? { host, port: Number(parsed.port || 27017) } : undefined;
}

function hint(product: string, composeService: string) {
  return (error: unknown): never => {
    if (error instanceof ScriptError && !/did not answer/.test(error.message)) throw error;
    throw new ScriptError(
      `${errorMessage(error)}. Start ${product} (e.g. \`docker compose up -d ${composeService}\`) or point the URL at one.`,
    );
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function display(file: string): string {
  const relative = path.relative(repoRoot, file);
  return relative.startsWith('..') ? file : relative;
}

if (require.main === module) {
  runCli('services', async () => {
    await ensureServices({ config: loadConfig('services', SECTIONS) });
  });
}
