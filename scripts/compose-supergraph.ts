import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceContainer } from '@astrobookings/shared';
import { buildAdminSchema } from '@astrobookings/admin-subgraph/dist/schema';
import { buildAuthSchema } from '@astrobookings/auth-subgraph/dist/schema';
import { buildCustomerSchema } from '@astrobookings/customer-subgraph/dist/schema';
import { buildMonitoringSchema } from '@astrobookings/monitoring-subgraph/dist/schema';
import { repoRoot } from './lib/paths';

/**
 * Composes the subgraphs' schemas into the committed supergraph (what the
 * gateway and Apollo Router serve) and the API schema (what codegen reads).
 * `--check` composes in memory and fails when the committed files differ.
 */

/** Each subgraph's schema, built without connecting to anything, at its contract URL. */
const SUBGRAPHS = [
  { name: 'auth', url: 'http://localhost:4001/graphql', build: buildAuthSchema },
  { name: 'admin', url: 'http://localhost:4002/graphql', build: buildAdminSchema },
  { name: 'customer', url: 'http://localhost:4003/graphql', build: buildCustomerSchema },
  { name: 'monitoring', url: 'http://localhost:4004/graphql', build: buildMonitoringSchema },
];

export const SUPERGRAPH_PATH = path.join(repoRoot, 'gateway', 'supergraph.graphql');
export const API_SCHEMA_PATH = path.join(repoRoot, 'gateway', 'api-schema.graphql');

export interface ComposedSchemas {
  supergraph: string;
  apiSchema: string;
}

export async function composeSupergraph(): Promise<ComposedSchemas> {
  const services = await Promise.all(
    SUBGRAPHS.map(async ({ name, url, build }) => ({
      name,
      url,
      typeDefs: parse(printSubgraphSchema(await build(new ServiceContainer()))),
    })),
  );
  const result = composeServices(services);
  if (result.errors !== undefined) {
    throw new Error(
      `Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
  return {
    supergraph: `${result.supergraphSdl.trimEnd()}\n`,
    apiSchema: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trimEnd()}\n`,
  };
}

/** The committed files that differ from a fresh composition. */
export async function staleSchemaFiles(composed: ComposedSchemas): Promise<string[]> {
  const files: [string, string][] = [
    [SUPERGRAPH_PATH, composed.supergraph],
    [API_SCHEMA_PATH, composed.apiSchema],
  ];
  const stale = await Promise.all(
    files.map(async ([file, content]) =>
      (await readFile(file, 'utf8').catch(() => '')) === content ? [] : [file],
    ),
  );
  return stale.flat();
}

async function main(): Promise<void> {
  const composed = await composeSupergraph();
  if (process.argv.includes('--check')) {
    const stale = await staleSchemaFiles(composed);
    if (stale.length > 0) {
      console.error(
        `Stale generated schema: ${stale.map((f) => path.relative(repoRoot, f)).join(', ')}. Run \`npm run compose\`.`,
      );
      process.exit(1);
    }
    console.log('supergraph.graphql and api-schema.graphql are up to date');
    return;
  }
  await writeFile(SUPERGRAPH_PATH, composed.supergraph);
  await writeFile(API_SCHEMA_PATH, composed.apiSchema);
  console.log(
    `wrote ${path.relative(repoRoot, SUPERGRAPH_PATH)} and ${path.relative(repoRoot, API_SCHEMA_PATH)}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
