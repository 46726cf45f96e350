import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository root, found by walking up to the package.json that declares
 * the workspaces: the scripts run both compiled (scripts/dist) and from source
 * (under ts-jest), so a fixed number of `..` would be wrong in one of them.
 */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (parsed.workspaces !== undefined) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);

/** Runtime files of the development setup (logs, pid files, keys); ignored by git. */
export const dataDir = path.join(repoRoot, '.data');

/** Rebuildable artefacts (e.g. the FerretDB build tree); ignored by git. */
export const cacheDir = path.join(repoRoot, '.cache');
