import { requestLoader, type GraphQLContext } from '@astrobookings/shared';
import type { UserRepository, UserView } from './user.repository';

/** Resolves `User` references from other subgraphs, all of one request in one query. */
export function resolveUserReference(
  users: UserRepository,
  reference: { id: string },
  context: GraphQLContext,
): Promise<UserView | undefined> {
  return requestLoader(context, 'users', (ids) => users.findByIds(ids)).load(reference.id);
}
