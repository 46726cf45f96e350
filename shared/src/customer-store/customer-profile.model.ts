import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../stores/mongo-models';

/**
 * A customer's profile in the customer store's `customer_profiles`, created from
 * the verified access token on the customer's first use of the Customer API.
 * The sync worker reads it for the email and name of booking notifications.
 */
export interface CustomerProfileRecord {
  /** The Auth service's user id. */
  _id: string;
  email: string;
  /** How the customer wants to be addressed; unset until they say. */
  name: string | null;
  phone: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CUSTOMER_PROFILES_COLLECTION = 'customer_profiles';

const customerProfileSchema = new Schema<CustomerProfileRecord>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, default: null },
    phone: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: CUSTOMER_PROFILES_COLLECTION, versionKey: false, autoIndex: false },
);

export type CustomerProfileModel = Model<CustomerProfileRecord>;

export function customerProfileModel(connection: Connection): CustomerProfileModel {
  return modelOn(connection, 'CustomerProfile', customerProfileSchema);
}
