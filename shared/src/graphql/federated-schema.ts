import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { authChecker, type GraphQLContext } from './context';

/** The one Federation version every subgraph links. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@interfaceObject", "@inaccessible"])';

/**
 * Apollo Server's cache hints (its cache control plugin reads them): a type
 * marked `@cacheControl(inheritMaxAge: true)` may be reused as long as the
 * field that returned it, and no longer. Only resolvers set a max-age of their own.
 */
export const CACHE_HINT_DIRECTIVE = `@cacheControl(inheritMaxAge: true)`;
const CACHE_CONTROL_DEFINITION =
  'directive @cacheControl(maxAge: Int, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION';

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, context: GraphQLContext) => unknown }
>;

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers, with the
 * project's auth checker and the entities' reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    authChecker,
    // One name for dates across every subgraph: DateTime, an ISO-8601 string in UTC.
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = {
      ...resolvers[typeName],
      ...reference,
    } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: parse(
      `${FEDERATION_LINK}\n${CACHE_CONTROL_DEFINITION}\n${printSchemaWithDirectives(schema)}`,
    ),
    resolvers,
  });
}
