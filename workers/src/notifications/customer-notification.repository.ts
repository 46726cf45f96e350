import {
  isDuplicateKeyError,
  type CustomerNotificationModel,
  type CustomerNotificationRecord,
} from '@astrobookings/shared';

/** Customers' copies of their notifications in the customer store (what myNotifications lists). */
export class CustomerNotificationRepository {
  constructor(private readonly notifications: CustomerNotificationModel) {}

  async ensureIndexes(): Promise<void> {
    await this.notifications.createIndexes();
  }

  /** Adds the copy once: a job run twice finds it there already. */
  async addOnce(record: Omit<CustomerNotificationRecord, 'readAt'>): Promise<void> {
    try {
      await this.notifications.create({ ...record, readAt: null });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
