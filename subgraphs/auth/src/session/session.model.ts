import { Schema, type Connection, type Model } from 'mongoose';

/** One issued refresh token, stored only as a hash. */
export interface RefreshTokenRecord {
  _id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  createdAt: Date;
}

/**
 * The first use of a refresh token. `_id` is the token's hash, so a second use
 * fails on the unique _id: that insert, not an update, is what makes
 * "use once" atomic on FerretDB as on MongoDB.
 */
export interface RefreshTokenUseRecord {
  _id: string;
  usedAt: Date;
  expiresAt: Date;
}

/** All refresh tokens descended from one login; revoked together. */
export interface TokenFamilyRecord {
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
  revokedReason?: string;
}

const refreshTokenSchema = new Schema<RefreshTokenRecord>(
  {
    _id: String,
    userId: { type: String, required: true },
    familyId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'refresh_tokens', versionKey: false },
);
refreshTokenSchema.index({ expiresAt: 1 });

const refreshTokenUseSchema = new Schema<RefreshTokenUseRecord>(
  {
    _id: String,
    usedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'refresh_token_uses', versionKey: false },
);
refreshTokenUseSchema.index({ expiresAt: 1 });

const tokenFamilySchema = new Schema<TokenFamilyRecord>(
  {
    _id: String,
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    revokedReason: String,
  },
  { collection: 'token_families', versionKey: false },
);
tokenFamilySchema.index({ userId: 1 });
tokenFamilySchema.index({ expiresAt: 1 });

export interface SessionModels {
  refreshTokens: Model<RefreshTokenRecord>;
  uses: Model<RefreshTokenUseRecord>;
  families: Model<TokenFamilyRecord>;
}

export function sessionModels(connection: Connection): SessionModels {
  return {
    refreshTokens: connection.model<RefreshTokenRecord>('RefreshToken', refreshTokenSchema),
    uses: connection.model<RefreshTokenUseRecord>('RefreshTokenUse', refreshTokenUseSchema),
    families: connection.model<TokenFamilyRecord>('TokenFamily', tokenFamilySchema),
  };
}
