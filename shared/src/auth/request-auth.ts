import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { AccessTokenVerifier } from './access-token';
import { hasAnyRole, type Principal, type Role } from './roles';

/**
 * The caller of one request. The token is verified on first use only, so
 * public operations (register, login) still work when a stale token is sent.
 */
export class RequestAuth {
  private principal?: Promise<Principal | undefined>;

  constructor(
    private readonly authorizationHeader: string | undefined,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  /** The verified caller, or undefined for an anonymous request. */
  current(): Promise<Principal | undefined> {
    this.principal ??= this.verifier.principalFromHeader(this.authorizationHeader);
    return this.principal;
  }

  /** The verified caller; UNAUTHENTICATED without one, FORBIDDEN without any of `roles`. */
  async require(...roles: Role[]): Promise<Principal> {
    const principal = await this.current();
    if (principal === undefined) throw new UnauthenticatedError();
    if (roles.length > 0 && !hasAnyRole(principal, roles)) throw new ForbiddenError();
    return principal;
  }
}
