import {
  InsertBatch,
  type CustomerNotificationModel,
  type CustomerNotificationRecord,
} from '@astrobookings/shared';

/** Customers' copies of their notifications in the customer store (what myNotifications lists). */
export class CustomerNotificationRepository {
  private readonly inserts: InsertBatch<CustomerNotificationRecord>;

  constructor(
    private readonly notifications: CustomerNotificationModel,
    /** How long an insert waits for concurrent jobs' to share its round trip (see InsertBatch). */
    insertWaitMs = 0,
  ) {
    this.inserts = new InsertBatch(notifications, insertWaitMs);
  }

  async ensureIndexes(): Promise<void> {
    await this.notifications.createIndexes();
  }

  /** Adds the copy once (batched with concurrent jobs'): a job run twice finds it there already. */
  async addOnce(record: Omit<CustomerNotificationRecord, 'readAt'>): Promise<void> {
    await this.inserts.insert({ ...record, readAt: null });
  }
}
