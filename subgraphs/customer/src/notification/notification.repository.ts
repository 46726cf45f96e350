import type { CustomerNotificationModel, CustomerNotificationRecord } from '@astrobookings/shared';

export interface NotificationView {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: Date;
}

/** Customers' copies of their notifications (written by the notification worker). */
export class CustomerNotificationReader {
  constructor(private readonly notifications: CustomerNotificationModel) {}

  async ensureIndexes(): Promise<void> {
    await this.notifications.createIndexes();
  }

  /** A customer's notifications, newest first. */
  async listByUser(userId: string, limit: number): Promise<NotificationView[]> {
    const records = await this.notifications
      .find({ userId }, { kind: 1, subject: 1, body: 1, createdAt: 1 })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<Pick<CustomerNotificationRecord, '_id' | 'kind' | 'subject' | 'body' | 'createdAt'>[]>()
      .exec();
    return records.map((record) => ({
      id: record._id,
      kind: record.kind,
      subject: record.subject,
      body: record.body,
      createdAt: record.createdAt,
    }));
  }
}
