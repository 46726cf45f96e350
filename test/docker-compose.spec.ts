import { readConfig } from '@astrobookings/shared';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROCESSES } from '../scripts/processes';
import { deployableName } from './support/deployables';
import { Dockerfile } from './support/dockerfile';

/**
 * docker-compose.yml and the Dockerfile cannot run on the development machine,
 * so they are checked here against each other and against the project's
 * process list and configuration.
 */

interface ComposeService {
  image?: string;
  build?: { context: string; target: string };
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
}

const root = path.resolve(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };
const services = compose.services;

const dockerfile = Dockerfile.read(path.join(root, 'Dockerfile'));
const defaultPorts = readConfig('compose-test', ['ports'], {}).ports;
const STORE_VARIABLES = [
  'DATABASE_URL',
  'CUSTOMER_MONGO_URL',
  'SYSTEM_MONGO_URL',
  'REDIS_URL',
  'SMTP_URL',
];

it('has the stores, Mailpit, the migrate step, every process and the web apps', () => {
  expect(Object.keys(services).sort()).toEqual(
    [
      'mongo',
      'postgres',
      'redis',
      'mailpit',
      'migrate',
      ...PROCESSES.map((spec) => deployableName(spec.name)),
    ].sort(),
  );
  expect(services.mongo?.image).toBe('mongo:7');
  expect(services.postgres?.image).toBe('postgres:16');
  expect(services.redis?.image).toBe('redis:7');
  expect(services.mailpit?.image).toMatch(/^axllent\/mailpit:/);
  expect(services.mailpit?.ports).toEqual(['1025:1025', '8025:8025']);
});

it('gives every long-running service a healthcheck', () => {
  const without = Object.entries(services)
    .filter(([name, service]) => name !== 'migrate' && (service.healthcheck?.test.length ?? 0) < 2)
    .map(([name]) => name);
  expect(without).toEqual([]);
});

it.each(PROCESSES.map((spec) => [deployableName(spec.name), spec] as const))(
  '%s: built from its Dockerfile target, running its entry as non-root on its port',
  (name, spec) => {
    const service = services[name];
    const port = defaultPorts[spec.name];
    expect(service.build).toEqual({ context: '.', target: name });
    expect(JSON.parse(dockerfile.effective(name, 'CMD') ?? 'null')).toEqual(['node', spec.entry]);
    expect(dockerfile.effective(name, 'USER')).toBe('node');
    expect(service.environment?.[spec.portVariable]).toBe(port);
    expect(service.healthcheck?.test).toEqual([
      'CMD',
      'node',
      'scripts/dist/healthcheck.js',
      `http://127.0.0.1:${port}/health`,
    ]);
    expect(service.environment?.HOST).toBe('0.0.0.0');
    for (const variable of STORE_VARIABLES) {
      const host = new URL(String(service.environment?.[variable])).hostname;
      expect({ variable, host, known: host in services }).toEqual({ variable, host, known: true });
    }
  },
);

it('wires the gateway to every subgraph and each subgraph to the Auth JWKS', () => {
  const gateway = services.gateway.environment!;
  for (const spec of PROCESSES.filter((s) => s.kind === 'subgraph')) {
    expect(gateway[spec.urlVariable!]).toBe(
      `http://${spec.name}:${defaultPorts[spec.name]}/graphql`,
    );
    expect(services[spec.name].environment!.AUTH_JWKS_URL).toBe(
      `http://auth:${defaultPorts.auth}/.well-known/jwks.json`,
    );
  }
  expect(Object.keys(services.gateway.depends_on!)).toEqual(
    expect.arrayContaining(['auth', 'admin', 'customer', 'monitoring']),
  );
});

it('migrates with `prisma migrate deploy` before the processes that use PostgreSQL start', () => {
  expect(JSON.parse(dockerfile.effective('migrate', 'CMD') ?? 'null')).toEqual([
    'npx',
    'prisma',
    'migrate',
    'deploy',
    '--config',
    'prisma/prisma.config.ts',
  ]);
  expect(services.migrate?.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
  for (const name of ['admin', 'customer', 'sync-worker']) {
    expect(services[name]?.depends_on?.migrate).toEqual({
      condition: 'service_completed_successfully',
    });
  }
});

it('names only services that exist in depends_on', () => {
  for (const service of Object.values(services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      expect(Object.keys(services)).toContain(dependency);
    }
  }
});
