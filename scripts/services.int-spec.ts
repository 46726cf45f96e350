import { readConfig } from '@astrobookings/shared';
import mongoose from 'mongoose';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ferretDbFiles, runningFerretDbPid } from './lib/ferretdb';
import { dataDir, repoRoot } from './lib/paths';
import { connectPostgres, dropDatabase, withDatabase } from './lib/postgres';
import { sleep } from './lib/probes';

/**
 * The services script on a machine without FerretDB: a fresh binary path and a
 * Mongo port where nothing listens, beside the FerretDB the developer runs.
 */

const run = promisify(execFile);
const serverUrl = readConfig('services-test', ['database']).database.url;
const ferretDbDatabase = `ferretdb_test_services_${process.pid}`;
const installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'astro-ferretdb-bin-'));
const binary = path.join(installDir, 'bin', 'ferretdb');

let port: number;
let files: ReturnType<typeof ferretDbFiles>;
let env: NodeJS.ProcessEnv;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as net.AddressInfo;
      server.close(() => resolve(free));
    });
  });
}

async function servicesScript(): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [path.join(repoRoot, 'scripts/dist/services.js')],
    {
      env,
      timeout: 10 * 60_000,
    },
  );
  return stdout.trim().split('\n');
}

/** Pids of the processes serving Mongo on our port (read from /proc: no guessing by name). */
function ferretDbsOnPort(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.includes(`--listen-addr=127.0.0.1:${port}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function stopFerretDb(): Promise<void> {
  const pid = runningFerretDbPid(files.pidFile);
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  while (ferretDbsOnPort().includes(pid)) await sleep(100);
}

beforeAll(async () => {
  port = await freePort();
  files = ferretDbFiles(dataDir, port);
  env = {
    ...process.env,
    FERRETDB_BIN: binary,
    FERRETDB_DATABASE: ferretDbDatabase,
    CUSTOMER_MONGO_URL: `mongodb://127.0.0.1:${port}/astro_customer_test_services`,
    SYSTEM_MONGO_URL: `mongodb://127.0.0.1:${port}/astro_system_test_services`,
  };
});

afterAll(async () => {
  await stopFerretDb();
  await dropDatabase(serverUrl, ferretDbDatabase);
  for (const target of [installDir, files.logFile, files.pidFile, files.stateDir]) {
    fs.rmSync(target, { recursive: true, force: true });
  }
});

it(
  'builds and starts FerretDB where none is installed, and says so for each store',
  async () => {
    expect(fs.existsSync(binary)).toBe(false);
    const lines = await servicesScript();

    const address = `127.0.0.1:${port}`;
    expect(lines).toEqual([
      expect.stringMatching(/^postgresql: using the server at \S+ \(DATABASE_URL\)$/),
      expect.stringMatching(/^redis: using the server at \S+ \(REDIS_URL\)$/),
      `ferretdb: building v1.24.2 into ${binary} (1-2 minutes the first time)`,
      expect.stringMatching(/^ferretdb: built in \d+ s$/),
      expect.stringMatching(
        new RegExp(
          `^customer mongodb: started FerretDB v1\\.24\\.2 at ${address} \\(CUSTOMER_MONGO_URL; ` +
            `pid \\d+, PostgreSQL database "${ferretDbDatabase}", log \\.data/ferretdb-${port}\\.log\\)$`,
        ),
      ),
      `system mongodb: using the FerretDB started for the customer mongodb at ${address} (SYSTEM_MONGO_URL)`,
    ]);

    // It outlived the script that started it, and it is the one the pid file names.
    const pid = Number(/pid (\d+)/.exec(lines[4])![1]);
    expect(ferretDbsOnPort()).toEqual([pid]);
    expect(fs.readFileSync(files.pidFile, 'utf8').trim()).toBe(String(pid));

    const connection = await mongoose
      .createConnection(env.CUSTOMER_MONGO_URL!, { serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    try {
      expect(await connection.db!.admin().ping()).toMatchObject({ ok: 1 });
      const launches = connection.db!.collection('launches');
      await launches.insertOne({ name: 'Artemis' });
      expect(await launches.findOne({ name: 'Artemis' }, { projection: { _id: 0 } })).toEqual({
        name: 'Artemis',
      });
    } finally {
      await connection.close();
    }

    // Its data lives in its own PostgreSQL database, created for it.
    const admin = await connectPostgres(withDatabase(serverUrl, 'postgres'));
    try {
      const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        ferretDbDatabase,
      ]);
      expect(rows).toHaveLength(1);
    } finally {
      await admin.end();
    }
  },
  10 * 60_000,
);

it('uses the running FerretDB on a second run and starts nothing', async () => {
  const before = ferretDbsOnPort();
  expect(before).toHaveLength(1);

  const lines = await servicesScript();

  expect(lines.slice(2)).toEqual([
    `customer mongodb: using running FerretDB v1.24.2 at 127.0.0.1:${port} (CUSTOMER_MONGO_URL)`,
    `system mongodb: using running FerretDB v1.24.2 at 127.0.0.1:${port} (SYSTEM_MONGO_URL)`,
  ]);
  expect(ferretDbsOnPort()).toEqual(before);
});

it('starts the installed FerretDB again, without building, after it stopped', async () => {
  await stopFerretDb();

  const lines = await servicesScript();

  expect(lines.filter((line) => line.startsWith('ferretdb:'))).toEqual([]);
  expect(lines[2]).toMatch(`customer mongodb: started FerretDB v1.24.2 at 127.0.0.1:${port}`);
  expect(ferretDbsOnPort()).toHaveLength(1);
});
