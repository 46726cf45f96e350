import { Schema, type Connection, type Model } from 'mongoose';
import { Role } from '@astrobookings/shared';

export interface UserRecord {
  _id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserRecord>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: { type: [String], enum: Object.values(Role), required: true },
  },
  { collection: 'users', timestamps: true, versionKey: false },
);
// Emails are stored normalised, so this index is what makes them unique.
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ roles: 1 });

export type UserModel = Model<UserRecord>;

export function userModel(connection: Connection): UserModel {
  return connection.model<UserRecord>('User', userSchema);
}
