import { randomUUID } from 'node:crypto';
import { ConflictError, type Role } from '@astrobookings/shared';
import type { UserModel, UserRecord } from './user.model';

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  createdAt: Date;
}

export interface Credentials extends UserView {
  passwordHash: string;
}

const VIEW = { email: 1, name: 1, roles: 1, createdAt: 1 } as const;

function toView(
  record: Pick<UserRecord, '_id' | 'email' | 'name' | 'roles' | 'createdAt'>,
): UserView {
  return {
    id: record._id,
    email: record.email,
    name: record.name,
    roles: record.roles,
    createdAt: record.createdAt,
  };
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/** Users and their credentials in the system store. */
export class UserRepository {
  constructor(private readonly users: UserModel) {}

  /** Creates the unique index before the first insert depends on it. */
  async ensureIndexes(): Promise<void> {
    await this.users.createIndexes();
  }

  /** Inserts a user; an email that is taken is a CONFLICT (decided by the unique index). */
  async create(user: {
    email: string;
    name: string;
    passwordHash: string;
    roles: Role[];
  }): Promise<UserView> {
    try {
      const created = await this.users.create({ _id: randomUUID(), ...user });
      return toView(created);
    } catch (error) {
      if (isDuplicateKey(error))
        throw new ConflictError('An account with this email already exists');
      throw error;
    }
  }

  async findCredentialsByEmail(email: string): Promise<Credentials | undefined> {
    const record = await this.users
      .findOne({ email }, { ...VIEW, passwordHash: 1 })
      .lean<UserRecord>()
      .exec();
    return record === null ? undefined : { ...toView(record), passwordHash: record.passwordHash };
  }

  /**
   * Sets a user's password hash, but only while the stored one is still
   * `verified` (the hash the caller just checked the password against), so
   * replacing it with a stronger hash of that password never undoes a change
   * made meanwhile; false when it was not replaced. FerretDB checks the filter
   * and writes as two steps, not atomically, so two such writes may both land:
   * harmless while the only writers are upgrades, each a hash of the same password.
   */
  async replacePasswordHash(id: string, verified: string, replacement: string): Promise<boolean> {
    const result = await this.users
      .updateOne({ _id: id, passwordHash: verified }, { $set: { passwordHash: replacement } })
      .exec();
    return result.modifiedCount === 1;
  }

  async findById(id: string): Promise<UserView | undefined> {
    const record = await this.users.findById(id, VIEW).lean<UserRecord>().exec();
    return record === null ? undefined : toView(record);
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, UserView>> {
    const records = await this.users
      .find({ _id: { $in: [...ids] } }, VIEW)
      .lean<UserRecord[]>()
      .exec();
    return new Map(records.map((record) => [record._id, toView(record)]));
  }

  async existsWithRole(role: Role): Promise<boolean> {
    return (await this.users.exists({ roles: role }).exec()) !== null;
  }

  async addRole(id: string, role: Role): Promise<void> {
    await this.users.updateOne({ _id: id }, { $addToSet: { roles: role } }).exec();
  }
}
