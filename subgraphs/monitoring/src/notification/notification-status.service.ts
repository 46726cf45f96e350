import {
  ConflictError,
  NotFoundError,
  NotificationState,
  type NotificationStatusRecord,
  type NotificationStatusRepository,
} from '@astrobookings/shared';
import type { NotificationRequeuer } from './notification.requeuer';
import type { NotificationStatus } from './notification-status.type';

export function toNotificationStatus(record: NotificationStatusRecord): NotificationStatus {
  return {
    id: record._id,
    kind: record.kind,
    recipient: record.recipientEmail,
    recipientUserId: record.recipientUserId,
    subject: record.subject,
    status: record.status,
    attempts: record.attempts,
    lastError: record.lastError ?? null,
    manualRetries: record.manualRetries ?? 0,
    correlationId: record.correlationId ?? null,
    sentAt: record.sentAt ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** Notification deliveries as operators see and retry them. */
export class NotificationStatusService {
  constructor(
    private readonly statuses: NotificationStatusRepository,
    private readonly requeuer: NotificationRequeuer,
  ) {}

  async list(status: NotificationState | undefined, first: number): Promise<NotificationStatus[]> {
    return (await this.statuses.listRecent(status, first)).map(toNotificationStatus);
  }

  /**
   * Sends a FAILED notification again, unless a delivery record says the SMTP
   * server accepted it. A FAILED notification's last send ended its claim, so
   * the requeued job claims afresh and sends.
   */
  async retry(id: string): Promise<NotificationStatus> {
    const status = await this.statuses.find(id);
    if (status === undefined) throw new NotFoundError('Notification');
    if (status.status !== NotificationState.FAILED) {
      throw new ConflictError(
        `Only a FAILED notification can be retried; this one is ${status.status}`,
      );
    }
    const delivered = await this.statuses.findDelivery(id);
    if (delivered !== undefined) {
      // The email left; only a status write lost to a race said otherwise.
      await this.statuses.markSent(id, delivered.messageId, delivered.sentAt);
      throw new ConflictError('This notification was sent; it is not sent again');
    }
    await this.statuses.markRequeued(id);
    await this.requeuer.requeue(status);
    const requeued = await this.statuses.find(id);
    return toNotificationStatus(requeued ?? status);
  }
}
