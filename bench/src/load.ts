import { spawn } from 'node:child_process';
import path from 'node:path';
import type { FanOutSpec, LoadResult, LoadSpec } from './load-spec';

const RUNNER = path.join(__dirname, 'load-runner.js');

/** Runs the load in a process of its own and answers its figures. */
function runInChild(spec: object): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load runner exited ${code}: ${err.trim()}`));
      try {
        const result = JSON.parse(out) as LoadResult;
        if (process.env.BENCH_DEBUG) process.stderr.write(`load: ${out}`);
        resolve(result);
      } catch {
        reject(new Error(`load runner wrote no result: ${out.slice(0, 300)} ${err.slice(0, 300)}`));
      }
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

export function load(spec: LoadSpec): Promise<LoadResult> {
  return runInChild({ kind: 'autocannon', ...spec });
}

export function fanOut(spec: Omit<FanOutSpec, 'kind'>): Promise<LoadResult> {
  return runInChild({ kind: 'fan-out', ...spec });
}

/** A GraphQL request body. */
export function graphqlBody(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}
