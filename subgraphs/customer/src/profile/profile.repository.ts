import {
  isDuplicateKeyError,
  type CustomerProfileModel,
  type CustomerProfileRecord,
} from '@astrobookings/shared';

export interface ProfileView {
  id: string;
  email: string;
  name: string | null;
  phone: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toView(record: CustomerProfileRecord): ProfileView {
  return {
    id: record._id,
    email: record.email,
    name: record.name,
    phone: record.phone,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** Customer profiles in the customer store. */
export class ProfileRepository {
  constructor(private readonly profiles: CustomerProfileModel) {}

  async ensureIndexes(): Promise<void> {
    await this.profiles.createIndexes();
  }

  async findById(userId: string): Promise<ProfileView | undefined> {
    const record = await this.profiles.findById(userId).lean<CustomerProfileRecord>().exec();
    return record === null ? undefined : toView(record);
  }

  /** Creates the profile unless it exists (a concurrent first request made it: the unique _id decides). */
  async insertIfAbsent(userId: string, email: string, now: Date): Promise<void> {
    try {
      await this.profiles.create({
        _id: userId,
        email,
        name: null,
        phone: null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async update(
    userId: string,
    changes: Partial<Pick<CustomerProfileRecord, 'email' | 'name' | 'phone'>>,
    now: Date,
  ): Promise<void> {
    await this.profiles.updateOne({ _id: userId }, { $set: { ...changes, updatedAt: now } }).exec();
  }
}
