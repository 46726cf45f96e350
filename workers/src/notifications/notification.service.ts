import {
  RecipientRole,
  type Logger,
  type NotificationJob,
  type NotificationSendRecord,
  type NotificationStatusRepository,
} from '@astrobookings/shared';
import type { CustomerNotificationRepository } from './customer-notification.repository';
import { SendError, type Mailer } from './mailer';
import {
  fallbackSubject,
  NotificationBuildError,
  renderNotification,
  type RenderedEmail,
} from './notification.templates';

export interface DeliverySettings {
  /** Attempts before a notification is FAILED (NOTIFICATION_ATTEMPTS). */
  maxAttempts: number;
  /** How long a claimed send may be in progress (NOTIFICATION_SEND_LEASE_MS). */
  sendLeaseMs: number;
  /** Domain of the Message-IDs, the sender's. */
  messageIdDomain: string;
}

/**
 * What became of one attempt: the worker turns `retry` into a BullMQ retry
 * (with backoff) and `failed` into a failure without retries.
 */
export type DeliveryOutcome =
  | { outcome: 'sent'; messageId: string }
  | { outcome: 'already-sent' }
  | { outcome: 'retry'; error: string }
  | { outcome: 'failed'; error: string };

const MAYBE_DELIVERED =
  'the email may have been delivered (the connection failed during or after sending it), so it is not sent again automatically; check with the recipient before retrying';

/**
 * Delivers one notification: its status, the customer's copy, and at most one
 * email, however many times the job runs.
 *
 * The send is claimed first with an insert guarded by a unique index (the
 * notification id). A claim is released only when the email certainly did not
 * leave (the SMTP server refused it or was never reached); then a later attempt
 * may claim and send. When a run dies between claiming and recording the send,
 * or the connection drops after the message was handed over, nobody can know
 * whether it went out: the claim stays, and once its lease is over the
 * notification is FAILED for an operator to check and retry. That is the
 * choice of at most one email over at least one; an operator's retry is the
 * explicit decision to send again.
 */
export class NotificationService {
  constructor(
    private readonly statuses: NotificationStatusRepository,
    private readonly customerCopies: CustomerNotificationRepository,
    private readonly mailer: Mailer,
    private readonly settings: DeliverySettings,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** One attempt (1-based) at delivering the job's notification. */
  async deliver(input: unknown, attempt: number): Promise<DeliveryOutcome> {
    let rendered: { job: NotificationJob; email: RenderedEmail };
    try {
      rendered = renderNotification(input);
    } catch (error) {
      if (!(error instanceof NotificationBuildError)) throw error;
      return this.unbuildable(input, error.message);
    }
    const { job, email } = rendered;
    if (job.recipient.role === RecipientRole.Customer) await this.addCustomerCopy(job, email);

    const now = this.clock();
    const claim = await this.statuses.claimSend(job.id, now, this.settings.sendLeaseMs);
    if (!claim.claimed) return this.afterLostClaim(job, email, claim.existing, now);

    // From here this attempt holds the claim and is the only one writing the status.
    await this.statuses.recordAttempt(job, email.subject);
    let messageId: string;
    try {
      ({ messageId } = await this.mailer.send({
        to: { name: job.recipient.name, address: job.recipient.email },
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${job.id}@${this.settings.messageIdDomain}>`,
      }));
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      const { failure } = error;
      if (failure.kind === 'unknown') {
        return this.fail(job.id, `${failure.message}: ${MAYBE_DELIVERED}`);
      }
      await this.statuses.releaseSend(job.id);
      if (failure.kind === 'refused' && failure.permanent) {
        return this.fail(job.id, `The mail server refused the email: ${failure.message}`);
      }
      return this.retryOrFail(job.id, attempt, failure.message);
    }
    const sentAt = this.clock();
    await this.statuses.recordSend(job.id, messageId, sentAt);
    await this.statuses.markSent(job.id, messageId, sentAt);
    return { outcome: 'sent', messageId };
  }

  /**
   * Another run holds the claim. It leaves the status alone while that run may
   * still be at work: FerretDB's updates are not atomic, and a write here could
   * undo the holder's SENT.
   */
  private async afterLostClaim(
    job: NotificationJob,
    email: RenderedEmail,
    claim: NotificationSendRecord | undefined,
    now: Date,
  ): Promise<DeliveryOutcome> {
    if (claim?.sentAt !== undefined) {
      // Repairs a status that a raced write may have left behind.
      await this.statuses.markSent(job.id, claim.messageId, claim.sentAt);
      return { outcome: 'already-sent' };
    }
    if (claim === undefined || claim.leaseUntil > now) {
      return { outcome: 'retry', error: 'another attempt is sending this notification' };
    }
    await this.statuses.recordAttempt(job, email.subject);
    return this.fail(job.id, `An earlier attempt stopped while sending: ${MAYBE_DELIVERED}`);
  }

  private async addCustomerCopy(job: NotificationJob, email: RenderedEmail): Promise<void> {
    const data = job.data as {
      launch?: { id: string };
      booking?: { id: string };
      invoice?: { id: string };
    };
    await this.customerCopies.addOnce({
      _id: job.id,
      userId: job.recipient.userId,
      kind: job.kind,
      subject: email.subject,
      body: email.text,
      launchId: data.launch?.id,
      bookingId: data.booking?.id,
      invoiceId: data.invoice?.id,
      createdAt: new Date(job.requestedAt),
    });
  }

  private async unbuildable(input: unknown, error: string): Promise<DeliveryOutcome> {
    const job = (input !== null && typeof input === 'object' ? input : {}) as Record<
      string,
      unknown
    >;
    if (typeof job.id === 'string' && job.id !== '') {
      await this.statuses.recordUnbuildable(job.id, job, fallbackSubject(String(job.kind)), error);
    } else {
      this.logger.error({ error }, 'a notification job without an id cannot be recorded');
    }
    return { outcome: 'failed', error };
  }

  private async retryOrFail(id: string, attempt: number, error: string): Promise<DeliveryOutcome> {
    if (attempt >= this.settings.maxAttempts) {
      return this.fail(id, `${error} (gave up after ${attempt} attempts)`);
    }
    await this.statuses.noteRetryableError(id, error);
    return { outcome: 'retry', error };
  }

  private async fail(id: string, error: string): Promise<DeliveryOutcome> {
    await this.statuses.markFailed(id, error);
    return { outcome: 'failed', error };
  }
}
