import {
  RecipientRole,
  type CustomerProfileModel,
  type CustomerProfileRecord,
  type NotificationRecipient,
} from '@astrobookings/shared';
import { Schema, type Connection, type Model } from 'mongoose';
import type { OperationalReader } from '../operational/operational.reader';

/**
 * The Auth service's users in the system store, read-only: the address of
 * suppliers, and of customers who have no profile yet. Only the fields read here
 * are declared; the Auth service owns the collection.
 */
interface SystemUser {
  _id: string;
  email: string;
  name: string;
}

const systemUserSchema = new Schema<SystemUser>(
  { _id: String, email: String, name: String },
  { collection: 'users', versionKey: false, autoIndex: false, strict: true },
);

export function systemUserModel(connection: Connection): Model<SystemUser> {
  return (
    (connection.models.SystemUserReadOnly as Model<SystemUser> | undefined) ??
    connection.model<SystemUser>('SystemUserReadOnly', systemUserSchema)
  );
}

const RECENT_MS = 60_000;
const RECENT_LIMIT = 10_000;

/**
 * Who a notification goes to. Customers: their profile in the customer store
 * (the name they chose), else their account. Suppliers: the user PostgreSQL
 * links to the supplier, addressed by the supplier's name.
 */
export class RecipientDirectory {
  private readonly recent = new Map<string, { recipient: NotificationRecipient; until: number }>();

  constructor(
    private readonly profiles: CustomerProfileModel,
    private readonly users: Model<SystemUser>,
    private readonly operational: OperationalReader,
  ) {}

  /** A customer's address, reused for a while: a burst of bookings mails the same few people. */
  async customer(userId: string): Promise<NotificationRecipient | undefined> {
    const now = Date.now();
    const cached = this.recent.get(userId);
    if (cached !== undefined && cached.until > now) return cached.recipient;
    const recipient = await this.lookUpCustomer(userId);
    if (recipient !== undefined) {
      if (this.recent.size >= RECENT_LIMIT) this.recent.clear();
      this.recent.set(userId, { recipient, until: now + RECENT_MS });
    }
    return recipient;
  }

  private async lookUpCustomer(userId: string): Promise<NotificationRecipient | undefined> {
    const [profile, user] = await Promise.all([
      this.profiles.findById(userId, { email: 1, name: 1 }).lean<CustomerProfileRecord>().exec(),
      this.users.findById(userId, { email: 1, name: 1 }).lean<SystemUser>().exec(),
    ]);
    const email = profile?.email ?? user?.email;
    if (email === undefined) return undefined;
    return {
      userId,
      email,
      name: profile?.name ?? user?.name ?? nameFromEmail(email),
      role: RecipientRole.Customer,
    };
  }

  async supplier(supplierId: string): Promise<NotificationRecipient | undefined> {
    const supplier = await this.operational.supplierUser(supplierId);
    if (supplier === undefined) return undefined;
    const user = await this.users
      .findById(supplier.userId, { email: 1, name: 1 })
      .lean<SystemUser>()
      .exec();
    if (user === null) return undefined;
    return {
      userId: supplier.userId,
      email: user.email,
      name: supplier.name,
      role: RecipientRole.Supplier,
    };
  }
}

function nameFromEmail(email: string): string {
  return email.split('@')[0] || email;
}
