import type { GraphQLSchema } from 'graphql';
import {
  buildFederatedSchema,
  type GraphQLContext,
  type ServiceContainer,
} from '@astrobookings/shared';
import { AccountResolver } from './account/account.resolver';
import { resolveUserReference } from './user/user.reference';
import { UserRepository } from './user/user.repository';

/** The Auth subgraph's schema; resolving needs the instances in `container`. */
export function buildAuthSchema(container: ServiceContainer): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [AccountResolver], container, orphanedTypes: [] },
    {
      User: {
        __resolveReference: (reference: { id: string }, context: GraphQLContext) =>
          resolveUserReference(container.get(UserRepository), reference, context),
      },
    },
  );
}
