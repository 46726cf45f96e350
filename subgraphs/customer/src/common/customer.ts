import { Role, type GraphQLContext, type Principal } from '@astrobookings/shared';

/** The signed-in customer of a request: UNAUTHENTICATED without a token, FORBIDDEN without the role. */
export function customerOf(context: GraphQLContext): Promise<Principal> {
  return context.auth.require(Role.CUSTOMER);
}
