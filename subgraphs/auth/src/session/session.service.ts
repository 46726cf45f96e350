import { randomUUID } from 'node:crypto';
import { UnauthenticatedError, type Logger } from '@astrobookings/shared';
import type { UserRepository, UserView } from '../user/user.repository';
import type { SessionRepository } from './session.repository';
import { hashRefreshToken, type TokenIssuer } from './token-issuer';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const INVALID = 'Invalid or expired refresh token';

/**
 * Sessions: an access token plus a refresh token that rotates on every use.
 * Presenting a refresh token that was already used revokes its whole family,
 * since only a stolen copy can be used twice.
 */
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly issuer: TokenIssuer,
    private readonly refreshTokenTtlSeconds: number,
    private readonly logger: Logger,
  ) {}

  /** Starts a new token family at login or registration. */
  async start(user: UserView): Promise<SessionTokens> {
    // The family and its first token are written side by side: nobody holds the token
    // (nor can refresh with it) before both are stored and this returns.
    const familyId = randomUUID();
    const [, tokens] = await Promise.all([
      this.sessions.createFamily(familyId, user.id, this.familyExpiry()),
      this.issue(user, familyId),
    ]);
    return tokens;
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const hash = hashRefreshToken(refreshToken);
    const token = await this.sessions.findRefreshToken(hash);
    if (token === undefined || token.expiresAt.getTime() <= Date.now())
      throw new UnauthenticatedError(INVALID);
    const family = await this.sessions.findFamily(token.familyId);
    if (family === undefined || family.revokedAt !== undefined)
      throw new UnauthenticatedError(INVALID);

    if (!(await this.sessions.claimFirstUse(hash, token.expiresAt))) {
      await this.sessions.revokeFamily(token.familyId, 'refresh token reused');
      this.logger.warn(
        { userId: token.userId, familyId: token.familyId },
        'refresh token reuse: family revoked',
      );
      throw new UnauthenticatedError('Refresh token was already used; sign in again');
    }
    const user = await this.users.findById(token.userId);
    if (user === undefined) throw new UnauthenticatedError(INVALID);
    return this.issue(user, token.familyId);
  }

  /** Ends the session the refresh token belongs to, if it is the caller's. */
  async logout(userId: string, refreshToken: string): Promise<boolean> {
    const token = await this.sessions.findRefreshToken(hashRefreshToken(refreshToken));
    if (token === undefined || token.userId !== userId) return false;
    await this.sessions.revokeFamily(token.familyId, 'logout');
    return true;
  }

  /** Ends every session of the user, on every device. */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.sessions.revokeFamiliesOfUser(userId, 'logout everywhere');
  }

  private async issue(user: UserView, familyId: string): Promise<SessionTokens> {
    const minted = this.issuer.mintRefreshToken();
    const [accessToken] = await Promise.all([
      this.issuer.signAccessToken(user),
      this.sessions.saveRefreshToken({
        _id: minted.hash,
        userId: user.id,
        familyId,
        expiresAt: this.familyExpiry(),
      }),
    ]);
    return {
      accessToken,
      refreshToken: minted.token,
      expiresIn: this.issuer.accessTokenTtlSeconds,
    };
  }

  private familyExpiry(): Date {
    return new Date(Date.now() + this.refreshTokenTtlSeconds * 1000);
  }
}
