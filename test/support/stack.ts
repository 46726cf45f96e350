import { readConfig } from '@astrobookings/shared';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  describeExit,
  type ExitInfo,
  spawnService,
  waitUntilReady,
  type ChildService,
} from '../../scripts/lib/children';
import { dataDir } from '../../scripts/lib/paths';
import { dropDatabase, withDatabase } from '../../scripts/lib/postgres';
import { tcpOpen } from '../../scripts/lib/probes';
import { migrate } from '../../scripts/migrate';
import {
  addressVariables,
  baseUrl,
  builtProcesses,
  PROCESSES,
  processNamed,
  readinessUrl,
  type Ports,
  type ProcessName,
  type SubgraphName,
} from '../../scripts/processes';

/**
 * The end-to-end test harness: the project's real built processes on their
 * own ports, over their own databases and Redis keys, so a test run never
 * touches a developer's running system or another test file's stack.
 */

export interface StackOptions {
  /** Names the databases, Redis prefix and log folder: lowercase letters, digits and `_`. */
  name: string;
  /** Which processes to run; every built one by default. */
  services?: ProcessName[];
  /** Extra variables for every process (they win over the harness's own). */
  env?: Record<string, string>;
  /**
   * First of the stack's ports (gateway, auth, admin, customer, monitoring,
   * sync worker, notifications worker, web follow in that order). Default: TEST_PORT_BASE (or 5100) plus ten
   * per Jest worker, so files running in parallel do not collide.
   */
  portBase?: number;
}

export interface Stack {
  name: string;
  /** The environment the processes run with (DATABASE_URL, Mongo URLs, REDIS_KEY_PREFIX, …). */
  env: NodeJS.ProcessEnv;
  /** GraphQL endpoints. */
  urls: Record<'gateway' | SubgraphName, string>;
  /** http://host:port of each process, for /health, /ready, /metrics, /admin/queues. */
  baseUrls: Record<ProcessName, string>;
  /** Where each process's output goes: <logDir>/<service>.log. */
  logDir: string;
  /** Stops every process (SIGTERM, then SIGKILL after a bound). */
  stop(): Promise<void>;
  /** Sends a signal (SIGKILL by default) and waits until the process has exited; how it exited. */
  kill(service: ProcessName, signal?: NodeJS.Signals): Promise<ExitInfo>;
  /** Stops the process if it runs, starts it again and waits until it is ready. */
  restart(service: ProcessName): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const PORT_ORDER: readonly ProcessName[] = [
  'gateway',
  'auth',
  'admin',
  'customer',
  'monitoring',
  'syncWorker',
  'notificationsWorker',
  'web',
];

/** Each process's port in a stack whose ports start at `portBase`. */
export function stackPorts(portBase: number): Ports {
  return Object.fromEntries(PORT_ORDER.map((service, i) => [service, portBase + i])) as Ports;
}

function defaultPortBase(): number {
  const base = Number(process.env.TEST_PORT_BASE ?? 5100);
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  return base + (worker - 1) * 10;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { name } = options;
  if (!/^[a-z0-9_]{1,40}$/.test(name)) {
    throw new Error(`stack name "${name}" must be 1-40 lowercase letters, digits or _`);
  }
  const specs = chooseProcesses(options.services);
  const portBase = options.portBase ?? defaultPortBase();
  const ports = stackPorts(portBase);
  for (const spec of specs) {
    if (await tcpOpen(HOST, ports[spec.name])) {
      throw new Error(
        `port ${ports[spec.name]} for ${spec.name} is in use: another stack or process has it (choose portBase or TEST_PORT_BASE)`,
      );
    }
  }

  const stores = readConfig('test-stack', ['database', 'redis', 'customerMongo', 'systemMongo']);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    HOST,
    DATABASE_URL: withDatabase(stores.database.url, `astrobookings_test_${name}`),
    CUSTOMER_MONGO_URL: withMongoDatabase(stores.customerMongo.url, `astro_customer_test_${name}`),
    SYSTEM_MONGO_URL: withMongoDatabase(stores.systemMongo.url, `astro_system_test_${name}`),
    REDIS_URL: stores.redis.url,
    REDIS_KEY_PREFIX: `test_${name}`,
    AUTH_KEYS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `astro-${name}-keys-`)),
    ...addressVariables(ports, HOST),
    ...options.env,
  };
  await resetStores(env, name);

  const logDir = path.join(dataDir, 'test-logs', name);
  fs.mkdirSync(logDir, { recursive: true });
  const running = new Map<ProcessName, ChildService>();
  const logFile = (service: ProcessName): string => path.join(logDir, `${service}.log`);

  const launch = async (service: ProcessName): Promise<void> => {
    const child = spawnService(processNamed(service), env, {
      kind: 'file',
      path: logFile(service),
    });
    running.set(service, child);
    try {
      await waitUntilReady(child, readinessUrl(HOST, ports[service]), READY_TIMEOUT_MS);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `${message}\n--- end of ${logFile(service)} ---\n${tailOf(logFile(service))}`,
      );
    }
  };
  const stopAll = async (): Promise<void> => {
    const children = [...running.values()];
    // The gateway first, so it never reports subgraphs that are merely shutting down.
    await Promise.all(
      children.filter((c) => c.spec.kind === 'gateway').map((c) => c.stop(STOP_TIMEOUT_MS)),
    );
    await Promise.all(children.map((c) => c.stop(STOP_TIMEOUT_MS)));
  };
  // A test run that ends without stop() must not leave servers holding the ports.
  const killOnExit = (): void => {
    for (const child of running.values()) child.signal('SIGKILL');
  };
  process.on('exit', killOnExit);

  for (const spec of specs) fs.writeFileSync(logFile(spec.name), '');
  try {
    await Promise.all(specs.filter((s) => s.kind !== 'gateway').map((s) => launch(s.name)));
    await Promise.all(specs.filter((s) => s.kind === 'gateway').map((s) => launch(s.name)));
  } catch (error) {
    await stopAll();
    process.off('exit', killOnExit);
    throw error;
  }

  const urlOf = (service: ProcessName): string => baseUrl(HOST, ports[service]);
  return {
    name,
    env,
    logDir,
    urls: {
      gateway: `${urlOf('gateway')}/graphql`,
      auth: `${urlOf('auth')}/graphql`,
      admin: `${urlOf('admin')}/graphql`,
      customer: `${urlOf('customer')}/graphql`,
      monitoring: `${urlOf('monitoring')}/graphql`,
    },
    baseUrls: Object.fromEntries(PORT_ORDER.map((s) => [s, urlOf(s)])) as Record<
      ProcessName,
      string
    >,
    async stop() {
      await stopAll();
      process.off('exit', killOnExit);
      fs.rmSync(env.AUTH_KEYS_DIR!, { recursive: true, force: true });
    },
    async kill(service, signal = 'SIGKILL') {
      const child = running.get(service);
      if (child === undefined) throw new Error(`${service} is not part of stack ${name}`);
      child.signal(signal);
      return child.exited;
    },
    async restart(service) {
      const child = running.get(service);
      if (child === undefined) throw new Error(`${service} is not part of stack ${name}`);
      const exit = await child.stop(STOP_TIMEOUT_MS);
      fs.appendFileSync(logFile(service), `--- stopped (${describeExit(exit)}), restarting ---\n`);
      await launch(service);
    },
  };
}

function chooseProcesses(names: ProcessName[] | undefined) {
  const { built, missing } = builtProcesses(
    names === undefined ? PROCESSES : names.map(processNamed),
  );
  if (names !== undefined && missing.length > 0) {
    throw new Error(
      `not built: ${missing.map((spec) => spec.entry).join(', ')} (run \`npm run build\` first)`,
    );
  }
  return built;
}

function withMongoDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Starts from empty stores: the PostgreSQL database recreated and migrated, Mongo databases and Redis keys gone. */
async function resetStores(env: NodeJS.ProcessEnv, name: string): Promise<void> {
  const databaseUrl = env.DATABASE_URL!;
  await dropDatabase(databaseUrl, `astrobookings_test_${name}`);
  await migrate(databaseUrl, { log: () => undefined });
  for (const url of [env.CUSTOMER_MONGO_URL!, env.SYSTEM_MONGO_URL!]) {
    const connection = await mongoose
      .createConnection(url, { serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    try {
      await connection.dropDatabase();
    } finally {
      await connection.close();
    }
  }
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  try {
    const stream = redis.scanStream({ match: `${env.REDIS_KEY_PREFIX}:*`, count: 500 });
    for await (const keys of stream) {
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}

function tailOf(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}
