import { CORRELATION_HEADER, readConfig } from '@astrobookings/shared';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { joinedSubgraphs, SUBGRAPHS } from '../../gateway/src/supergraph';
import { repoRoot } from '../support/deployables';

/**
 * No Apollo Router binary can be fetched here, so deploy/router/router.yaml is
 * checked for what can be checked without one: only keys of the Router v2.14
 * configuration, the Node gateway's settings carried over (subgraph URLs and
 * their variables, forwarded headers, CORS, limits, timeout), and a supergraph
 * in the Federation 2 form the Router loads.
 */

type Tree = Record<string, unknown>;

const router = parse(
  fs.readFileSync(path.join(repoRoot, 'deploy', 'router', 'router.yaml'), 'utf8'),
) as Tree;
const supergraph = fs.readFileSync(path.join(repoRoot, 'gateway', 'supergraph.graphql'), 'utf8');
const gateway = readConfig('router-test', ['gateway', 'graphql', 'subgraphUrls'], {});

/** `${env.NAME:-default}` → { variable, fallback }. */
function expansion(value: unknown): { variable: string; fallback: string } {
  const match = /^\$\{env\.([A-Z_]+):-([^}]*)\}$/.exec(String(value));
  if (match === null) throw new Error(`${String(value)} is not a \${env.NAME:-default} expansion`);
  return { variable: match[1], fallback: match[2] };
}

function at(path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], router);
}

/** The Router v2.14 keys this file may use, section by section. */
const KNOWN_KEYS: Record<string, string[]> = {
  '': [
    'supergraph',
    'sandbox',
    'homepage',
    'health_check',
    'override_subgraph_url',
    'headers',
    'cors',
    'limits',
    'traffic_shaping',
    'include_subgraph_errors',
    'telemetry',
  ],
  supergraph: ['listen', 'path', 'introspection'],
  sandbox: ['enabled'],
  homepage: ['enabled'],
  health_check: ['enabled', 'listen', 'path'],
  headers: ['all', 'subgraphs'],
  'headers.all': ['request'],
  cors: [
    'allow_any_origin',
    'allow_credentials',
    'allow_headers',
    'expose_headers',
    'max_age',
    'methods',
    'policies',
  ],
  limits: [
    'max_depth',
    'max_height',
    'max_aliases',
    'max_root_fields',
    'warn_only',
    'http_max_request_bytes',
    'http1_max_request_headers',
    'http1_max_request_buf_size',
    'parser_max_tokens',
    'parser_max_recursion',
    'introspection_max_depth',
  ],
  traffic_shaping: ['all', 'subgraphs', 'router'],
  'traffic_shaping.all': ['timeout', 'deduplicate_query', 'compression'],
  include_subgraph_errors: ['all', 'subgraphs'],
  telemetry: ['exporters', 'instrumentation'],
  'telemetry.exporters': ['metrics', 'tracing', 'logging'],
  'telemetry.exporters.metrics': ['prometheus', 'otlp', 'common'],
  'telemetry.exporters.metrics.prometheus': ['enabled', 'listen', 'path'],
};

it.each(Object.entries(KNOWN_KEYS))('section "%s" uses only Router keys', (section, known) => {
  const node = section === '' ? router : at(section);
  expect(typeof node).toBe('object');
  expect(Object.keys(node as Tree).filter((key) => !known.includes(key))).toEqual([]);
});

it('points every subgraph of the supergraph at the URL variable the Node gateway reads', () => {
  const overrides = router.override_subgraph_url as Record<string, string>;
  expect(Object.keys(overrides).sort()).toEqual([...SUBGRAPHS].sort());
  for (const name of joinedSubgraphs(supergraph)) expect(overrides).toHaveProperty(name);
  for (const name of SUBGRAPHS) {
    expect(expansion(overrides[name])).toEqual({
      variable: `${name.toUpperCase()}_URL`,
      fallback: gateway.subgraphUrls[name],
    });
  }
});

it('forwards the caller token, correlation id and address to every subgraph', () => {
  const rules = at('headers.all.request') as Tree[];
  expect(rules).toEqual([
    { propagate: { named: 'authorization' } },
    { propagate: { named: CORRELATION_HEADER } },
    { propagate: { named: 'x-forwarded-for' } },
  ]);
});

it('allows the web apps origin with credentials, as the Node gateway does', () => {
  expect(at('cors.allow_credentials')).toBe(true);
  const policies = at('cors.policies') as { origins: string[] }[];
  expect(policies).toHaveLength(1);
  expect(policies[0].origins.map((origin) => expansion(origin))).toEqual([
    { variable: 'CORS_ORIGINS', fallback: gateway.gateway.corsOrigins[0] },
  ]);
  expect(at('cors.allow_any_origin')).toBeUndefined();
});

it("applies the Node gateway's depth, alias, token, body and timeout limits", () => {
  expect(at('limits.max_depth')).toBe(gateway.graphql.maxDepth);
  expect(at('limits.max_aliases')).toBe(gateway.graphql.maxAliases);
  expect(at('limits.parser_max_tokens')).toBe(gateway.graphql.maxTokens);
  expect(at('limits.http_max_request_bytes')).toBe(gateway.gateway.bodyLimitBytes);
  expect(at('limits.max_height')).toEqual(expect.any(Number));
  expect(at('limits.warn_only')).toBeUndefined();
  expect(at('traffic_shaping.all.timeout')).toBe(`${gateway.gateway.subgraphTimeoutMs / 1000}s`);
});

it('serves /graphql on the gateway port, passing the subgraphs coded errors through', () => {
  expect(at('supergraph.path')).toBe('/graphql');
  const listen = String(at('supergraph.listen'));
  expect(listen).toBe('0.0.0.0:${env.GATEWAY_PORT:-4000}');
  expect(at('include_subgraph_errors.all')).toBe(true);
  expect(at('health_check.enabled')).toBe(true);
});

it('gets a supergraph in the Federation 2 form the Router loads', () => {
  expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/link/v1.0")');
  const join = /@link\(url: "https:\/\/specs\.apollo\.dev\/join\/v0\.(\d+)", for: EXECUTION\)/.exec(
    supergraph,
  );
  // Router 2.x reads join v0.1 to v0.5.
  expect(Number(join?.[1])).toBeGreaterThanOrEqual(3);
  expect(Number(join?.[1])).toBeLessThanOrEqual(5);
  for (const [, name, url] of supergraph.matchAll(
    /@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g,
  )) {
    expect({ name, url: new URL(url).pathname }).toEqual({ name, url: '/graphql' });
  }
});
