import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import { UnauthenticatedError } from '../errors';
import { Role, type Principal } from './roles';

/** The one signature algorithm access tokens use (Ed25519). */
export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';

export interface AccessTokenClaims extends JWTPayload {
  email: string;
  roles: Role[];
}

export interface TokenSettings {
  issuer: string;
  audience: string;
}

type KeySource = KeyLike | Uint8Array | ReturnType<typeof createRemoteJWKSet>;

const ROLES = new Set<string>(Object.values(Role));

function principalFrom(payload: JWTPayload): Principal {
  const { sub, email, roles } = payload as Partial<AccessTokenClaims>;
  if (
    typeof sub !== 'string' ||
    typeof email !== 'string' ||
    !Array.isArray(roles) ||
    !roles.every((role) => ROLES.has(role))
  ) {
    throw new UnauthenticatedError('Invalid access token');
  }
  return { userId: sub, email, roles };
}

/**
 * Verifies access tokens in every subgraph, so a request that bypasses the
 * gateway is still authenticated: signature (EdDSA only, `alg: none` and other
 * algorithms refused), issuer, audience and expiry.
 */
/** Verified tokens remembered per process; a client sends the same one for up to its lifetime. */
const VERIFIED_CACHE_SIZE = 10_000;

export class AccessTokenVerifier {
  /**
   * Token → its principal, until the token expires. A signature check costs a
   * few percent of a request's CPU at the gateway and again in each subgraph;
   * a token once valid stays valid until its `exp` whatever we remember.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  private constructor(
    private readonly key: KeySource,
    private readonly settings: TokenSettings,
  ) {}

  /** Verifies against the Auth service's JWKS, fetched once and refreshed on an unknown key id. */
  static fromJwks(jwksUrl: string, settings: TokenSettings): AccessTokenVerifier {
    return new AccessTokenVerifier(
      createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 }),
      settings,
    );
  }

  /** Verifies against a public key held in the process (the Auth service itself). */
  static fromPublicKey(publicKey: KeyLike, settings: TokenSettings): AccessTokenVerifier {
    return new AccessTokenVerifier(publicKey, settings);
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (Date.now() < known.expiresAt) return known.principal;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key as Parameters<typeof jwtVerify>[1], {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const principal = principalFrom(payload);
      this.remember(token, principal, (payload.exp ?? 0) * 1000);
      return principal;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw new UnauthenticatedError('Access token expired');
      if (error instanceof joseErrors.JOSEError)
        throw new UnauthenticatedError('Invalid access token');
      throw error;
    }
  }

  private remember(token: string, principal: Principal, expiresAt: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      // The oldest entry goes first (a Map iterates in insertion order).
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { principal, expiresAt });
  }

  /**
   * The caller of a request from its Authorization header: undefined when there
   * is none, UNAUTHENTICATED when it is present but not a valid Bearer token.
   */
  async principalFromHeader(header: string | undefined): Promise<Principal | undefined> {
    if (header === undefined || header.trim() === '') return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (match?.[1] === undefined)
      throw new UnauthenticatedError('Authorization must be a Bearer token');
    return this.verify(match[1]);
  }
}
