import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ScriptError, type LineWriter } from './cli';
import { cacheDir, repoRoot } from './paths';
import { identifyMongo, waitFor } from './probes';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';

/** Where the build module (go.mod + go.sum pinning FerretDB) is committed. */
const BUILD_MODULE_DIR = path.join(repoRoot, 'scripts', 'ferretdb');
const FERRETDB_PACKAGE = 'github.com/FerretDB/FerretDB/cmd/ferretdb';
/** FerretDB embeds this file, which its module zip leaves out; without it the binary panics at start. */
const VERSION_FILE = 'vendor/github.com/FerretDB/FerretDB/build/version/version.txt';
const START_TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;

/** The Go toolchain on this machine must build FerretDB, never download another one. */
function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local' };
}

async function ferretDbVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000 });
    return /^version:\s*(\S+)/m.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

async function goPath(): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['env', 'GOPATH'], { env: goEnv() });
    return stdout.trim() || path.join(os.homedir(), 'go');
  } catch {
    return undefined;
  }
}

/**
 * Finds FerretDB v1.24.2, building it with Go when it is missing.
 *
 * FERRETDB_BIN names the binary (built there if absent or another version);
 * otherwise a `ferretdb` on PATH or in $(go env GOPATH)/bin of the right
 * version is used, and a build goes to $(go env GOPATH)/bin/ferretdb.
 */
export async function findOrInstallFerretDb(
  log: LineWriter,
  explicit: string | undefined,
): Promise<{ binary: string; built: boolean }> {
  const gopath = await goPath();
  const installed = explicit
    ? path.resolve(explicit)
    : gopath && path.join(gopath, 'bin', 'ferretdb');
  const candidates = explicit ? [installed] : [onPath('ferretdb'), installed];
  for (const candidate of candidates) {
    if (candidate && (await ferretDbVersion(candidate)) === FERRETDB_VERSION) {
      return { binary: candidate, built: false };
    }
  }
  if (gopath === undefined || !installed) {
    throw new ScriptError(
      `FerretDB ${FERRETDB_VERSION} is not installed and Go is missing to build it: ` +
        'install Go 1.24 or newer (https://go.dev/dl/), or start a MongoDB yourself ' +
        '(e.g. `docker compose up -d mongo`) at the Mongo URLs',
    );
  }
  await buildFerretDb(installed, log);
  return { binary: installed, built: true };
}

/**
 * `go install …@v1.24.2` does not work: the module proxy refuses the version
 * list it checks for deprecations, and the module zip lacks the version file the
 * binary embeds. So: vendor the committed build module, add the version file,
 * and build from the vendor tree.
 */
async function buildFerretDb(binary: string, log: LineWriter): Promise<void> {
  const started = Date.now();
  log(`ferretdb: building ${FERRETDB_VERSION} into ${binary} (1-2 minutes the first time)`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(cacheDir, 'ferretdb-build-'));
  try {
    for (const file of ['go.mod', 'go.sum']) {
      fs.copyFileSync(path.join(BUILD_MODULE_DIR, file), path.join(workDir, file));
    }
    await go(['mod', 'vendor'], workDir);
    const versionFile = path.join(workDir, VERSION_FILE);
    fs.mkdirSync(path.dirname(versionFile), { recursive: true });
    fs.writeFileSync(versionFile, FERRETDB_VERSION);
    // Build beside the target and rename, so a concurrent user never runs half a binary.
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    const partial = `${binary}.partial-${process.pid}`;
    await go(['build', '-mod=vendor', '-trimpath', '-o', partial, FERRETDB_PACKAGE], workDir);
    fs.renameSync(partial, binary);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const version = await ferretDbVersion(binary);
  if (version !== FERRETDB_VERSION) {
    throw new ScriptError(`the FerretDB built at ${binary} reports version ${version ?? 'none'}`);
  }
  log(`ferretdb: built in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function go(args: string[], cwd: string): Promise<void> {
  try {
    await run('go', args, {
      cwd,
      env: goEnv(),
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const output = (error as { stderr?: string }).stderr ?? String(error);
    throw new ScriptError(`\`go ${args.join(' ')}\` failed:\n${tail(output, 20)}`);
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The files of the FerretDB serving one port, under the data directory. */
export function ferretDbFiles(dataDir: string, port: number) {
  // The default port keeps the plain names a developer looks for first.
  const base = port === 27017 ? 'ferretdb' : `ferretdb-${port}`;
  return {
    logFile: path.join(dataDir, `${base}.log`),
    pidFile: path.join(dataDir, `${base}.pid`),
    stateDir: path.join(dataDir, base),
  };
}

/** The pid in the file if that process is still a FerretDB (pids get reused). */
export function runningFerretDbPid(pidFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes('ferretdb') ? pid : undefined;
  } catch {
    // No /proc (macOS): the live pid from our own pid file is the best evidence there is.
    return pid;
  }
}

export interface FerretDbLaunch {
  binary: string;
  /** host:port to listen on. */
  listenAddress: string;
  /** PostgreSQL URL of FerretDB's own database. */
  postgresqlUrl: string;
  /** A Mongo URL on the listen address, to wait until it answers. */
  mongoUrl: string;
  files: ReturnType<typeof ferretDbFiles>;
}

/**
 * Starts FerretDB detached from this process (it outlives `npm start` and the
 * test run, like a server the developer started), logging to a file, and waits
 * until it answers.
 */
export async function startFerretDb(launch: FerretDbLaunch): Promise<number> {
  const { logFile, pidFile, stateDir } = launch.files;
  fs.mkdirSync(stateDir, { recursive: true });
  const output = fs.openSync(logFile, 'a');
  const child = spawn(
    launch.binary,
    [
      '--handler=postgresql',
      `--listen-addr=${launch.listenAddress}`,
      '--telemetry=disable',
      '--debug-addr=-',
      // At info and warn FerretDB logs every connection and every error reply it sends.
      '--log-level=error',
      `--state-dir=${stateDir}`,
    ],
    {
      detached: true,
      stdio: ['ignore', output, output],
      // In the environment rather than argv, so a password in the URL stays out of `ps`.
      env: { ...process.env, FERRETDB_POSTGRESQL_URL: launch.postgresqlUrl },
    },
  );
  fs.closeSync(output);
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = signal ? `signal ${signal}` : `code ${code}`;
  });
  child.once('error', (error) => {
    exit = error.message;
  });
  child.unref();
  if (child.pid === undefined) throw new ScriptError(`could not start ${launch.binary}`);
  fs.writeFileSync(pidFile, `${child.pid}\n`);
  await waitFor(`FerretDB at ${launch.listenAddress}`, START_TIMEOUT_MS, async () => {
    if (exit !== undefined) {
      fs.rmSync(pidFile, { force: true });
      throw new ScriptError(
        `FerretDB exited at start (${exit}); the end of ${logFile}:\n` +
          tail(fs.readFileSync(logFile, 'utf8'), 15),
      );
    }
    await identifyMongo(launch.mongoUrl, 1_000);
  });
  return child.pid;
}
