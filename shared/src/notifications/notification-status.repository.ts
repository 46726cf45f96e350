import type { NotificationJob } from './notification.job';
import {
  NotificationState,
  type NotificationSendRecord,
  type NotificationStatusModels,
  type NotificationStatusRecord,
} from './notification-status.model';
import { isDuplicateKeyError } from '../stores/mongo-models';

export type SendClaim =
  { claimed: true } | { claimed: false; existing: NotificationSendRecord | undefined };

/** The maximum stored length of a delivery error. */
const MAX_ERROR_CHARS = 1_000;

function errorText(message: string): string {
  return message.length <= MAX_ERROR_CHARS ? message : `${message.slice(0, MAX_ERROR_CHARS)}…`;
}

/**
 * Notification statuses and send claims in the system store, used by the
 * notification worker (which delivers) and the Monitoring subgraph (which
 * shows and retries).
 */
export class NotificationStatusRepository {
  constructor(private readonly models: NotificationStatusModels) {}

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.models.statuses.createIndexes(), this.models.sends.createIndexes()]);
  }

  /**
   * Counts an attempt at a notification, recording it as QUEUED on the first
   * (one insert; a later attempt or a second run of the job finds it there).
   */
  async recordAttempt(job: NotificationJob, subject: string): Promise<void> {
    try {
      await this.models.statuses.create({
        _id: job.id,
        kind: job.kind,
        recipientUserId: job.recipient.userId,
        recipientEmail: job.recipient.email,
        recipientRole: job.recipient.role,
        subject,
        status: NotificationState.QUEUED,
        attempts: 1,
        lastError: null,
        job,
        correlationId: job.correlationId,
        manualRetries: 0,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.countAttempt(job.id);
    }
  }

  /**
   * Records a job that breaks the contract (its email cannot be built) as
   * FAILED, with what can be read from it.
   */
  async recordUnbuildable(
    id: string,
    job: Record<string, unknown>,
    subject: string,
    error: string,
  ): Promise<void> {
    const recipient = (job.recipient ?? {}) as Record<string, unknown>;
    const text = (value: unknown): string =>
      typeof value === 'string' && value !== '' ? value : '(missing)';
    try {
      await this.models.statuses.create({
        _id: id,
        kind: text(job.kind),
        recipientUserId: text(recipient.userId),
        recipientEmail: text(recipient.email),
        recipientRole: text(recipient.role),
        subject,
        status: NotificationState.FAILED,
        attempts: 1,
        lastError: errorText(error),
        job,
        correlationId: typeof job.correlationId === 'string' ? job.correlationId : undefined,
        manualRetries: 0,
      });
    } catch (caught) {
      if (!isDuplicateKeyError(caught)) throw caught;
      await this.countAttempt(id);
      await this.markFailed(id, error);
    }
  }

  async find(id: string): Promise<NotificationStatusRecord | undefined> {
    const record = await this.models.statuses.findById(id).lean<NotificationStatusRecord>().exec();
    return record ?? undefined;
  }

  /** The most recently changed notifications, optionally in one state. */
  async listRecent(
    status: NotificationState | undefined,
    limit: number,
  ): Promise<NotificationStatusRecord[]> {
    return this.models.statuses
      .find(status === undefined ? {} : { status })
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit)
      .lean<NotificationStatusRecord[]>()
      .exec();
  }

  private async countAttempt(id: string): Promise<void> {
    await this.models.statuses.updateOne({ _id: id }, { $inc: { attempts: 1 } }).exec();
  }

  async markSent(id: string, messageId: string | undefined, sentAt: Date): Promise<void> {
    await this.models.statuses
      .updateOne(
        { _id: id },
        { $set: { status: NotificationState.SENT, messageId, sentAt, lastError: null } },
      )
      .exec();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.models.statuses
      .updateOne(
        { _id: id, status: { $ne: NotificationState.SENT } },
        { $set: { status: NotificationState.FAILED, lastError: errorText(error) } },
      )
      .exec();
  }

  /** An attempt failed and another will follow. */
  async noteRetryableError(id: string, error: string): Promise<void> {
    await this.models.statuses
      .updateOne(
        { _id: id, status: { $ne: NotificationState.SENT } },
        { $set: { status: NotificationState.QUEUED, lastError: errorText(error) } },
      )
      .exec();
  }

  /** An operator sent a FAILED notification back to the queue. */
  async markRequeued(id: string): Promise<void> {
    await this.models.statuses
      .updateOne(
        { _id: id },
        { $set: { status: NotificationState.QUEUED }, $inc: { manualRetries: 1 } },
      )
      .exec();
  }

  /**
   * Claims the one send of a notification's email. Exactly one caller gets
   * `claimed: true`, however many runs of the job race: the others hit the
   * unique _id and are shown the existing claim.
   */
  async claimSend(id: string, now: Date, leaseMs: number): Promise<SendClaim> {
    try {
      await this.models.sends.create({
        _id: id,
        claimedAt: now,
        leaseUntil: new Date(now.getTime() + leaseMs),
      });
      return { claimed: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.models.sends.findById(id).lean<NotificationSendRecord>().exec();
      return { claimed: false, existing: existing ?? undefined };
    }
  }

  /** Records, on the claim, that its email left; only the claim's holder calls this. */
  async recordSend(id: string, messageId: string | undefined, sentAt: Date): Promise<void> {
    await this.models.sends.updateOne({ _id: id }, { $set: { sentAt, messageId } }).exec();
  }

  async findSend(id: string): Promise<NotificationSendRecord | undefined> {
    const record = await this.models.sends.findById(id).lean<NotificationSendRecord>().exec();
    return record ?? undefined;
  }

  /**
   * Gives up a claim, so a later attempt may send: only for an email that
   * certainly did not leave (the SMTP server refused it or was never reached),
   * or on an operator's explicit retry of a FAILED notification. A claim whose
   * email left is never given up.
   */
  async releaseSend(id: string): Promise<void> {
    await this.models.sends.deleteOne({ _id: id, sentAt: { $exists: false } }).exec();
  }
}
