import {
  InsertBatch,
  type CustomerNotificationModel,
  type CustomerNotificationRecord,
} from '@astrobookings/shared';

/** Customers' copies of their notifications in the customer store (what myNotifications lists). */
export class CustomerNotificationRepository {
  private readonly inserts: InsertBatch<CustomerNotificationRecord>;

  constructor(private readonly notifications: CustomerNotificationModel) {
    this.inserts = new InsertBatch(notifications);
  }

  async ensureIndexes(): Promise<void> {
    await this.notifications.createIndexes();
  }

  /** Adds the copy once (batched with concurrent jobs'): a job run twice finds it there already. */
  async addOnce(record: Omit<CustomerNotificationRecord, 'readAt'>): Promise<void> {
    await this.inserts.insert({ ...record, readAt: null });
  }
}
