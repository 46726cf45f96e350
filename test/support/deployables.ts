import { PROCESS_SECTIONS, readConfig, type SectionName } from '@astrobookings/shared';
import fs from 'node:fs';
import path from 'node:path';
import { PROCESSES, type ProcessName, type ProjectProcess } from '../../scripts/processes';

/**
 * What gets deployed: every process of scripts/processes.ts, each under the one
 * name its Dockerfile target, compose service, Kubernetes Deployment and image share.
 */

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface Deployable {
  /** Dockerfile target, compose service, Deployment, Service and image name (kebab-case). */
  name: string;
  kind: ProjectProcess['kind'];
  /** Compiled entry file, relative to the repository root. */
  entry: string;
  portVariable: string;
  /** The contract's default port. */
  port: number;
}

/** `syncWorker` → `sync-worker`. */
export function deployableName(name: ProcessName): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

const defaultPorts = readConfig('deployables', ['ports'], {}).ports;

export const DEPLOYABLES: readonly Deployable[] = PROCESSES.map((spec) => ({
  name: deployableName(spec.name),
  kind: spec.kind,
  entry: spec.entry,
  portVariable: spec.portVariable,
  port: defaultPorts[spec.name],
}));

/** The TypeScript source of a compiled entry: `gateway/dist/main.js` → `gateway/src/main.ts`. */
export function sourceOf(deployable: Deployable): string {
  return path.join(repoRoot, deployable.entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts'));
}

/**
 * The configuration sections a process reads, from the `runProcess(SERVICE, [...])`
 * (or `loadConfig(SERVICE, [...])`) call in its main file; undefined while that
 * file is not written yet.
 */
export function configSections(deployable: Deployable): SectionName[] | undefined {
  const file = sourceOf(deployable);
  if (!fs.existsSync(file)) return undefined;
  const call = /(runProcess|loadConfig)\(\s*SERVICE\s*,\s*\[([^\]]*)\]/.exec(
    fs.readFileSync(file, 'utf8'),
  );
  if (call === null) throw new Error(`${file}: no runProcess(SERVICE, [...]) call found`);
  const own = [...call[2].matchAll(/'([A-Za-z]+)'/g)].map((m) => m[1] as SectionName);
  return call[1] === 'runProcess' ? [...own, ...PROCESS_SECTIONS] : own;
}
