import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readConfig } from '@astrobookings/shared';
import { configSections, DEPLOYABLES, repoRoot } from '../support/deployables';
import { Dockerfile } from '../support/dockerfile';

/**
 * The images cannot be built here (no Docker engine): the Dockerfile is checked
 * for what makes them small, unprivileged and watched — a target per deployable
 * holding only compiled code and production dependencies, running as `node`,
 * with a HEALTHCHECK on its /health that docker-compose.yml repeats.
 */

const dockerfile = Dockerfile.read(path.join(repoRoot, 'Dockerfile'));
const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<
    string,
    {
      healthcheck?: { test: string[] };
      stop_grace_period?: string;
      environment?: Record<string, string | number>;
    }
  >;
};

/** What the user must export before `docker compose up` (docker-compose.yml's header). */
const USER_SUPPLIED: Record<string, string> = {
  JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----',
};

/** A compose service's environment as compose would pass it, `${NAME:-default}` resolved. */
function composeEnvironment(service: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(compose.services[service]?.environment ?? {}).map(([name, value]) => [
      name,
      String(value).replace(
        /\$\{([A-Z_]+):-([^}]*)\}/g,
        (_match, variable: string, fallback: string) => USER_SUPPLIED[variable] ?? fallback,
      ),
    ]),
  );
}
const workspaces = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  }
).workspaces;

/** `COPY [--from=stage] [--chown=…] source… destination` */
function copies(stage: string): { from?: string; sources: string[]; destination: string }[] {
  return dockerfile.all(stage, 'COPY').map((args) => {
    const words = args.split(/\s+/);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
  });
}

it('installs dependencies from the manifests alone, so source changes reuse that layer', () => {
  const build = dockerfile.stage('build').instructions.map((i) => `${i.keyword} ${i.args}`);
  const install = build.indexOf('RUN npm ci --no-audit --no-fund');
  const wholeTree = build.indexOf('COPY . .');
  expect(install).toBeGreaterThan(0);
  expect(wholeTree).toBeGreaterThan(install);
  const manifestsBefore = build.slice(0, install).join('\n');
  for (const manifest of ['package.json', 'package-lock.json']) {
    expect(manifestsBefore).toContain(manifest);
  }
  for (const workspace of workspaces) {
    expect(manifestsBefore).toContain(`COPY ${workspace}/package.json ${workspace}/`);
  }
});

it('keeps only production dependencies and compiled output in the runtime images', () => {
  expect(dockerfile.all('production-deps', 'RUN')).toContain(
    'npm prune --omit=dev --no-audit --no-fund',
  );
  const runtime = dockerfile.stage('runtime');
  expect(runtime.from).toBe('${NODE_IMAGE}');
  expect(dockerfile.effective('runtime', 'ENV')).toMatch(/NODE_ENV=production/);
  for (const deployable of DEPLOYABLES) {
    for (const copy of copies(deployable.name)) {
      expect({ copy, from: copy.from }).toEqual({
        copy,
        from: expect.stringMatching(/^build$|^production-deps$/),
      });
      for (const source of copy.sources) {
        // node_modules only from the pruned stage; from the build, compiled output and the few runtime files.
        const allowed =
          copy.from === 'production-deps'
            ? source === '/app/node_modules'
            : /\/dist$|\/package\.json$|\.graphql$|\/healthcheck\.js$/.test(source);
        expect({ source, allowed }).toEqual({ source, allowed: true });
      }
    }
  }
});

describe.each(DEPLOYABLES.map((d) => [d.name, d] as const))('target %s', (name, deployable) => {
  const healthUrl = `http://127.0.0.1:${deployable.port}/health`;
  const healthCommand = ['CMD', 'node', 'scripts/dist/healthcheck.js', healthUrl];

  it('runs its compiled entry as the unprivileged node user', () => {
    expect(dockerfile.lineage(name).map((stage) => stage.name)).toContain('runtime');
    expect(JSON.parse(dockerfile.effective(name, 'CMD') ?? 'null')).toEqual([
      'node',
      deployable.entry,
    ]);
    expect(dockerfile.effective(name, 'USER')).toBe('node');
    expect(dockerfile.effective(name, 'EXPOSE')).toBe(String(deployable.port));
    const entryDir = path.posix.dirname(deployable.entry);
    const shipped = copies(name).map((copy) => copy.destination.replace(/\/$/, ''));
    expect(shipped.some((destination) => entryDir.startsWith(destination))).toBe(true);
  });

  it('has a HEALTHCHECK on its /health, the same as its compose service', () => {
    const healthcheck = dockerfile.effective(name, 'HEALTHCHECK') ?? '';
    expect(healthcheck).toMatch(/--interval=\d+s --timeout=\d+s --start-period=\d+s --retries=\d+/);
    expect(JSON.parse(healthcheck.replace(/^(--\S+\s+)*CMD\s+/, ''))).toEqual(
      healthCommand.slice(1),
    );
    expect(compose.services[name]?.healthcheck?.test).toEqual(healthCommand);
  });

  const sections = configSections(deployable);
  (sections === undefined ? it.skip : it)(
    'starts in production from its compose environment',
    () => {
      const env = composeEnvironment(name);
      expect(env.NODE_ENV).toBe('production');
      expect(() => readConfig(name, sections!, env)).not.toThrow();
    },
  );

  it('is given longer than its own 10 s shutdown bound before compose kills it', () => {
    const grace = /^(\d+)s$/.exec(compose.services[name]?.stop_grace_period ?? '');
    expect(Number(grace?.[1])).toBeGreaterThan(10);
  });
});

it('ships the healthcheck script the HEALTHCHECKs run', () => {
  expect(fs.existsSync(path.join(repoRoot, 'scripts', 'healthcheck.ts'))).toBe(true);
  expect(
    copies('runtime').some((copy) => copy.sources.includes('/app/scripts/dist/healthcheck.js')),
  ).toBe(true);
});
