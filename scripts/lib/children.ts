import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ScriptError } from './cli';
import { repoRoot } from './paths';
import { sleep } from './probes';
import { entryPath, type ProjectProcess } from '../processes';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit({ code, signal }: ExitInfo): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/** Where a child's output goes: to this terminal, or appended to a file. */
export type ChildOutput = { kind: 'terminal' } | { kind: 'file'; path: string };

/** One running project process (a node child of this one). */
export class ChildService {
  readonly exited: Promise<ExitInfo>;
  private exit?: ExitInfo;

  constructor(
    readonly spec: ProjectProcess,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM (the processes shut down gracefully on it), then SIGKILL after the bound. */
  async stop(timeoutMs: number): Promise<ExitInfo> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    // Unreferenced: once the child has exited, the pending bound must not keep this process alive.
    const bound = sleep(timeoutMs, undefined, { ref: false });
    const outcome = await Promise.race([this.exited, bound]);
    if (outcome !== undefined) return outcome;
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

/**
 * V8 sizes a process's heap from the machine's memory and grows it lazily: on
 * 24 GiB, under the benchmarks' load, the gateway and the sync worker held
 * 260–340 MB. 128 MB of old space and 8 MB semi-spaces (the young generation;
 * 16 MB by default) keep every process under 200 MB (bench/: peaks of 180–190
 * MB, bookings per second unchanged); the Docker image sets the same. A flag
 * that NODE_OPTIONS sets itself wins.
 */
const HEAP_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];

export function spawnService(
  spec: ProjectProcess,
  env: NodeJS.ProcessEnv,
  output: ChildOutput,
): ChildService {
  const file = output.kind === 'file' ? fs.openSync(output.path, 'a') : undefined;
  // CPU_PROFILE_DIR=…: each process writes a V8 CPU profile there when it exits (one folder per process).
  const profile = env.CPU_PROFILE_DIR?.trim()
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(env.CPU_PROFILE_DIR.trim(), spec.name)}`]
    : [];
  const heap = HEAP_FLAGS.filter((flag) => !env.NODE_OPTIONS?.includes(flag.split('=')[0]));
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', ...heap, ...profile, entryPath(spec)],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', file ?? 'pipe', file ?? 'pipe'],
    },
  );
  if (file !== undefined) fs.closeSync(file);
  if (child.stdout && child.stderr) {
    relayLines(child.stdout, process.stdout, spec.name);
    relayLines(child.stderr, process.stderr, spec.name);
  }
  return new ChildService(spec, child);
}

/** JSON log lines pass through untouched (they name their service); anything else gets a prefix. */
function relayLines(from: Readable, to: Writable, name: string): void {
  readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    to.write(line.startsWith('{') ? `${line}\n` : `[${name}] ${line}\n`);
  });
}

/** Polls the readiness URL until it answers 200; fails if the process exits first. */
export async function waitUntilReady(
  service: ChildService,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (!service.running) {
      throw new ScriptError(
        `${service.name} exited before it was ready (${describeExit(await service.exited)})`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      // fetch says only "fetch failed"; the reason (e.g. ECONNREFUSED) is its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      last =
        cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    }
    if (Date.now() >= deadline) {
      throw new ScriptError(
        `${service.name} was not ready at ${url} within ${Math.round(timeoutMs / 1000)} s (last: ${last})`,
      );
    }
    await sleep(250);
  }
}
