import { readConfig, type AppConfig } from '@astrobookings/shared';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/paths';

/**
 * The project's processes, in one list for `npm start` and the test harness:
 * what to run, on which port, and where it says it is ready.
 */

export type Ports = AppConfig<'ports'>['ports'];
export type ProcessName = keyof Ports;
export type SubgraphName = 'auth' | 'admin' | 'customer' | 'monitoring';

export interface ProjectProcess {
  /** Also its key in the `ports` configuration section, where its default port is. */
  name: ProcessName;
  kind: 'subgraph' | 'worker' | 'gateway' | 'web';
  /** Compiled entry file, relative to the repository root. */
  entry: string;
  /** The variable the process reads its HTTP port from (health, readiness, metrics). */
  portVariable: string;
  /** Subgraphs: the variable the gateway reads this subgraph's GraphQL URL from. */
  urlVariable?: string;
  /** The others: the variable the monitoring service reads this process's address from. */
  baseUrlVariable?: string;
}

/** In start order: subgraphs and workers first, then the gateway, which needs the subgraphs. */
export const PROCESSES: readonly ProjectProcess[] = [
  subgraph('auth'),
  subgraph('admin'),
  subgraph('customer'),
  subgraph('monitoring'),
  {
    name: 'syncWorker',
    kind: 'worker',
    entry: 'workers/dist/sync/main.js',
    portVariable: 'SYNC_WORKER_PORT',
    baseUrlVariable: 'SYNC_WORKER_URL',
  },
  {
    name: 'notificationsWorker',
    kind: 'worker',
    entry: 'workers/dist/notifications/main.js',
    portVariable: 'NOTIFICATIONS_WORKER_PORT',
    baseUrlVariable: 'NOTIFICATIONS_WORKER_URL',
  },
  // The web apps' static server: needs nothing running, the browser calls the gateway.
  {
    name: 'web',
    kind: 'web',
    entry: 'clients/server/dist/main.js',
    portVariable: 'WEB_PORT',
    baseUrlVariable: 'WEB_URL',
  },
  {
    name: 'gateway',
    kind: 'gateway',
    entry: 'gateway/dist/main.js',
    portVariable: 'GATEWAY_PORT',
    baseUrlVariable: 'GATEWAY_URL',
  },
];

function subgraph(name: SubgraphName): ProjectProcess {
  const variable = name.toUpperCase();
  return {
    name,
    kind: 'subgraph',
    entry: `subgraphs/${name}/dist/main.js`,
    portVariable: `${variable}_PORT`,
    urlVariable: `${variable}_URL`,
  };
}

export function processNamed(name: ProcessName): ProjectProcess {
  const found = PROCESSES.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`unknown process ${name}`);
  return found;
}

export function entryPath(spec: ProjectProcess): string {
  return path.join(repoRoot, spec.entry);
}

/** Splits processes into those built and those whose entry file does not exist yet. */
export function builtProcesses(specs: readonly ProjectProcess[] = PROCESSES): {
  built: ProjectProcess[];
  missing: ProjectProcess[];
} {
  const built = specs.filter((spec) => fs.existsSync(entryPath(spec)));
  return { built, missing: specs.filter((spec) => !built.includes(spec)) };
}

/** Every process's port: the configured one, or the contract's default. */
export function portsFrom(env: NodeJS.ProcessEnv): Ports {
  return readConfig('processes', ['ports'], env).ports;
}

/** Where to reach a process listening on HOST: a wildcard address is reached on loopback. */
export function reachableHost(env: NodeJS.ProcessEnv): string {
  const host = env.HOST?.trim();
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export function baseUrl(host: string, port: number): string {
  return `http://${host}:${port}`;
}

/** Answers 200 once the process serves (every dependency up), 503 before. */
export function readinessUrl(host: string, port: number): string {
  return `${baseUrl(host, port)}/ready`;
}

/**
 * The variables that wire processes to each other's ports: each port, each
 * subgraph's GraphQL URL for the gateway, every other process's address for the
 * monitoring service, and the Auth JWKS URL every subgraph verifies tokens against.
 */
export function addressVariables(ports: Ports, host: string): Record<string, string> {
  const variables: Record<string, string> = {
    AUTH_JWKS_URL: `${baseUrl(host, ports.auth)}/.well-known/jwks.json`,
    // The web apps' origin, as a browser on this machine names it, may call the gateway.
    CORS_ORIGINS: ['localhost', '127.0.0.1'].map((name) => baseUrl(name, ports.web)).join(','),
  };
  for (const spec of PROCESSES) {
    variables[spec.portVariable] = String(ports[spec.name]);
    if (spec.urlVariable !== undefined) {
      variables[spec.urlVariable] = `${baseUrl(host, ports[spec.name])}/graphql`;
    }
    if (spec.baseUrlVariable !== undefined) {
      variables[spec.baseUrlVariable] = baseUrl(host, ports[spec.name]);
    }
  }
  return variables;
}
