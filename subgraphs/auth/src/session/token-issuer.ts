import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_ALGORITHM, type Role, type TokenSettings } from '@astrobookings/shared';
import type { SigningKeys } from '../keys/signing-keys';

export interface AccessTokenSubject {
  id: string;
  email: string;
  roles: Role[];
}

/** Signs short-lived access tokens and mints opaque refresh tokens. */
export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeys,
    private readonly settings: TokenSettings,
    readonly accessTokenTtlSeconds: number,
  ) {}

  signAccessToken(subject: AccessTokenSubject): Promise<string> {
    return new SignJWT({ email: subject.email, roles: subject.roles })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: this.keys.keyId, typ: 'JWT' })
      .setSubject(subject.id)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.accessTokenTtlSeconds}s`)
      .sign(this.keys.privateKey);
  }

  /** A refresh token is 256 random bits; only its hash is ever stored. */
  mintRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token) };
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
