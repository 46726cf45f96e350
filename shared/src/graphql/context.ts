import type { AuthChecker } from 'type-graphql';
import type { RequestAuth } from '../auth/request-auth';
import type { Role } from '../auth/roles';
import type { Logger } from '../logger';

/** What every resolver of every subgraph receives. */
export interface GraphQLContext {
  auth: RequestAuth;
  correlationId: string;
  /** The end user's address (forwarded by the gateway), for rate limits and audit. */
  clientIp: string;
  logger: Logger;
}

/**
 * type-graphql's @Authorized(): no token → UNAUTHENTICATED, none of the named
 * roles → FORBIDDEN. Ownership is checked by the services.
 */
export const authChecker: AuthChecker<GraphQLContext, Role> = async ({ context }, roles) => {
  await context.auth.require(...roles);
  return true;
};
