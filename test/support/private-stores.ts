import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findOrInstallFerretDb } from '../../scripts/lib/ferretdb';
import { dropDatabase, ensureDatabase, withDatabase } from '../../scripts/lib/postgres';
import { identifyMongo, pingPostgres, pingRedis, waitFor } from '../../scripts/lib/probes';

/**
 * Stores of its own for a test that stops and starts them: a PostgreSQL
 * cluster in a temporary directory, a Redis server and a FerretDB, each on its
 * own port. The machine's PostgreSQL and Redis are shared with other people
 * and must never be stopped; FerretDB keeps its own data in a database of the
 * machine's PostgreSQL, so stopping the private PostgreSQL is one fault, not two.
 */

const run = promisify(execFile);
const START_TIMEOUT_MS = 30_000;

export type PrivateStoreName = 'postgresql' | 'redis' | 'ferretdb';

export interface PrivateStores {
  /** A URL of the private PostgreSQL (its `postgres` database). */
  postgresUrl: string;
  redisUrl: string;
  /** The private FerretDB, without a database. */
  mongoUrl: string;
  /** Stops one store (PostgreSQL fast shutdown, Redis and FerretDB SIGTERM) and waits until it is down. */
  stop(store: PrivateStoreName): Promise<void>;
  /** Starts it again and waits until it answers. */
  start(store: PrivateStoreName): Promise<void>;
  /** Stops everything and removes every trace (directories, FerretDB's database). */
  destroy(): Promise<void>;
}

/** Where this machine's PostgreSQL server programs are: PG_BIN_DIR, or the newest under /usr/lib/postgresql. */
function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'no PostgreSQL server programs found: set PG_BIN_DIR to the directory of initdb',
    );
  }
  return path.join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

class PrivatePostgres {
  private readonly bin = postgresBinDir();
  readonly dataDir: string;

  constructor(
    private readonly root: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(root, 'pgdata');
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async pgRun(program: string, args: string[]): Promise<void> {
    const [command, argv] = asPostgresUser(path.join(this.bin, program), args);
    await run(command, argv, { timeout: START_TIMEOUT_MS });
  }

  async init(): Promise<void> {
    if (process.getuid?.() === 0) await run('chown', ['postgres', this.root]);
    await this.pgRun('initdb', ['-D', this.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.root}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
    ].join(' ');
    await this.pgRun('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      path.join(this.root, 'postgres.log'),
      '-w',
      'start',
    ]);
    await waitFor(`private PostgreSQL on ${this.port}`, START_TIMEOUT_MS, () =>
      pingPostgres(this.url),
    );
  }

  async stop(): Promise<void> {
    await this.pgRun('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  running(): boolean {
    return fs.existsSync(path.join(this.dataDir, 'postmaster.pid'));
  }

  /** Immediate shutdown without waiting (SIGQUIT to the postmaster), for a process about to exit. */
  kill(): void {
    try {
      const pid = Number(
        fs.readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // Not running.
    }
  }
}

/** A child server process that is stopped with a signal and started again with the same arguments. */
class ServerProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly logFile: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  spawn(): void {
    const output = fs.openSync(this.logFile, 'a');
    const child = spawn(this.command, this.args, {
      stdio: ['ignore', output, output],
      env: this.env,
    });
    fs.closeSync(output);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killed);
    this.child = undefined;
  }

  kill(): void {
    this.child?.kill('SIGKILL');
  }

  get description(): string {
    return `${this.name} (log ${this.logFile})`;
  }
}

export interface PrivateStoreOptions {
  /** Names the temporary directory and FerretDB's database: lowercase letters, digits, `_`. */
  name: string;
  /** PostgreSQL on portBase, Redis on portBase + 1, FerretDB on portBase + 2. */
  portBase: number;
}

export async function startPrivateStores(options: PrivateStoreOptions): Promise<PrivateStores> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `astro-${options.name}-stores-`));
  fs.chmodSync(root, 0o755);
  const postgres = new PrivatePostgres(root, options.portBase);
  const redisPort = options.portBase + 1;
  const ferretPort = options.portBase + 2;
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const mongoUrl = `mongodb://127.0.0.1:${ferretPort}/`;
  const redisDir = path.join(root, 'redis');
  fs.mkdirSync(redisDir);
  // Append-only persistence, as a BullMQ deployment runs Redis: queued jobs outlive a restart.
  const redis = new ServerProcess(
    'redis-server',
    'redis-server',
    [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      redisDir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--daemonize',
      'no',
    ],
    path.join(root, 'redis.log'),
  );
  const ferretBackend = withDatabase(
    process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    `ferretdb_${options.name}`,
  );
  const { binary } = await findOrInstallFerretDb(() => undefined, process.env.FERRETDB_BIN);
  const ferretdb = new ServerProcess(
    'ferretdb',
    binary,
    [
      '--handler=postgresql',
      `--listen-addr=127.0.0.1:${ferretPort}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
      `--state-dir=${path.join(root, 'ferretdb')}`,
    ],
    path.join(root, 'ferretdb.log'),
    { ...process.env, FERRETDB_POSTGRESQL_URL: ferretBackend },
  );
  fs.mkdirSync(path.join(root, 'ferretdb'));

  const starters: Record<PrivateStoreName, () => Promise<void>> = {
    postgresql: () => postgres.start(),
    redis: async () => {
      redis.spawn();
      await waitFor(redis.description, START_TIMEOUT_MS, () => pingRedis(redisUrl));
    },
    ferretdb: async () => {
      ferretdb.spawn();
      await waitFor(ferretdb.description, START_TIMEOUT_MS, () => identifyMongo(mongoUrl, 1_000));
    },
  };
  const stoppers: Record<PrivateStoreName, () => Promise<void>> = {
    postgresql: () => postgres.stop(),
    redis: () => redis.stop(),
    ferretdb: () => ferretdb.stop(),
  };

  const destroy = async (): Promise<void> => {
    await Promise.all([
      redis.stop(),
      ferretdb.stop(),
      postgres.running() ? postgres.stop().catch(() => undefined) : Promise.resolve(),
    ]);
    await dropDatabase(ferretBackend, `ferretdb_${options.name}`).catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  };

  // A test run that ends without destroy() must not leave servers behind.
  const killOnExit = (): void => {
    redis.kill();
    ferretdb.kill();
    postgres.kill();
  };
  process.on('exit', killOnExit);
  const destroyAndForget = async (): Promise<void> => {
    await destroy();
    process.off('exit', killOnExit);
  };
  try {
    await postgres.init();
    await ensureDatabase(ferretBackend);
    await Promise.all([starters.postgresql(), starters.redis(), starters.ferretdb()]);
  } catch (error) {
    await destroyAndForget();
    throw error;
  }
  return {
    postgresUrl: postgres.url,
    redisUrl,
    mongoUrl,
    stop: (store) => stoppers[store](),
    start: (store) => starters[store](),
    destroy: destroyAndForget,
  };
}
