import { Schema, type Connection, type Model } from 'mongoose';
import { NotificationKind } from '../notifications/notification.job';
import { modelOn } from '../stores/mongo-models';

/**
 * A customer's copy of a notification, in the customer store's `notifications`
 * (what `myNotifications` lists). Written by the notification worker with the
 * notification id as _id, so a job run twice leaves one copy.
 */
export interface CustomerNotificationRecord {
  _id: string;
  /** The Auth service's id of the customer. */
  userId: string;
  kind: NotificationKind;
  subject: string;
  /** The plain-text body of the email. */
  body: string;
  launchId?: string;
  bookingId?: string;
  invoiceId?: string;
  createdAt: Date;
  readAt?: Date | null;
}

export const CUSTOMER_NOTIFICATIONS_COLLECTION = 'notifications';

const customerNotificationSchema = new Schema<CustomerNotificationRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, enum: Object.values(NotificationKind), required: true },
    subject: { type: String, required: true },
    body: { type: String, required: true },
    launchId: String,
    bookingId: String,
    invoiceId: String,
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: CUSTOMER_NOTIFICATIONS_COLLECTION, versionKey: false, autoIndex: false },
);
// myNotifications: one customer's, newest first.
customerNotificationSchema.index({ userId: 1, createdAt: -1, _id: -1 });

export type CustomerNotificationModel = Model<CustomerNotificationRecord>;

export function customerNotificationModel(connection: Connection): CustomerNotificationModel {
  return modelOn(connection, 'CustomerNotification', customerNotificationSchema);
}
