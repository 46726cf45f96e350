import type { RefreshTokenRecord, SessionModels, TokenFamilyRecord } from './session.model';

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/** Refresh tokens, their single use and their families, in the system store. */
export class SessionRepository {
  constructor(private readonly models: SessionModels) {}

  async ensureIndexes(): Promise<void> {
    const { refreshTokens, uses, families } = this.models;
    await Promise.all([
      refreshTokens.createIndexes(),
      uses.createIndexes(),
      families.createIndexes(),
    ]);
  }

  async createFamily(familyId: string, userId: string, expiresAt: Date): Promise<void> {
    await this.models.families.create({ _id: familyId, userId, createdAt: new Date(), expiresAt });
  }

  async saveRefreshToken(token: Omit<RefreshTokenRecord, 'createdAt'>): Promise<void> {
    await this.models.refreshTokens.create({ ...token, createdAt: new Date() });
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const record = await this.models.refreshTokens
      .findById(tokenHash)
      .lean<RefreshTokenRecord>()
      .exec();
    return record ?? undefined;
  }

  async findFamily(familyId: string): Promise<TokenFamilyRecord | undefined> {
    const record = await this.models.families.findById(familyId).lean<TokenFamilyRecord>().exec();
    return record ?? undefined;
  }

  /**
   * Records the first use of a token. Exactly one caller gets true, however
   * many present the same token at once: the others hit the unique _id.
   */
  async claimFirstUse(tokenHash: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.models.uses.create({ _id: tokenHash, usedAt: new Date(), expiresAt });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async revokeFamily(familyId: string, reason: string): Promise<void> {
    await this.models.families
      .updateOne(
        { _id: familyId, revokedAt: { $exists: false } },
        { $set: { revokedAt: new Date(), revokedReason: reason } },
      )
      .exec();
  }

  async revokeFamiliesOfUser(userId: string, reason: string): Promise<void> {
    await this.models.families
      .updateMany(
        { userId, revokedAt: { $exists: false } },
        { $set: { revokedAt: new Date(), revokedReason: reason } },
      )
      .exec();
  }

  /** FerretDB has no TTL indexes, so expired sessions are purged by a periodic sweep. */
  async purgeExpired(now: Date): Promise<number> {
    const filter = { expiresAt: { $lt: now } };
    const results = await Promise.all([
      this.models.refreshTokens.deleteMany(filter).exec(),
      this.models.uses.deleteMany(filter).exec(),
      this.models.families.deleteMany(filter).exec(),
    ]);
    return results.reduce((sum, result) => sum + result.deletedCount, 0);
  }
}
