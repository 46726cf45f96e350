import {
  RecipientRole,
  type Logger,
  type NotificationJob,
  type NotificationStatusRepository,
} from '@astrobookings/shared';
import { setTimeout as sleep } from 'node:timers/promises';
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
 * (with backoff), `wait` into a delay that counts no attempt, and `failed`
 * into a failure without retries.
 */
export type DeliveryOutcome =
  | { outcome: 'sent'; messageId: string }
  | { outcome: 'already-sent' }
  /** Another run holds the send until then; this one looks again after it. */
  | { outcome: 'wait'; until: Date }
  | { outcome: 'retry'; error: string }
  | { outcome: 'failed'; error: string };

/** How long to wait before writing an accepted email's record again, at first. */
const RECORD_RETRY_MS = 100;

/**
 * Delivers one notification: its status, the customer's copy, and its email,
 * sent until the SMTP server accepts it, however many times the job runs and
 * wherever a run dies.
 *
 * The rule: the delivery record is written only after the SMTP server
 * answered 250, and a notification without one is sent (again). Every email of
 * a notification carries the same Message-ID, `<notificationId@domain>`, so
 * the one duplicate possible — a run killed between the server's 250 and its
 * record, a millisecond — reaches the recipient as the same message, which mail
 * systems recognise.
 *
 * Runs of one job (a lock lost mid-job, a re-enqueued event, the restart after
 * a kill) send one at a time: a run sends only while holding a lease-bound
 * claim, taken by a unique insert per generation (NotificationSendClaim,
 * `${id}:${n}`), never by a conditional update, which FerretDB applies
 * non-atomically. A run that finds the email accepted reports `already-sent`;
 * one that finds an unexpired claim waits for its end (without counting an
 * attempt) and looks again; one that finds the newest
 * claim's lease over (its holder died, or gave up) claims the next generation
 * and sends. The lease (NOTIFICATION_SEND_LEASE_MS) outlasts any SMTP timeout,
 * so a live holder has finished sending before it ends.
 *
 * A send that fails ends its holder's lease at once: refused for good (5xx),
 * the notification is FAILED; refused for now, the server unreached, or the
 * connection lost mid-send (which may have delivered it: the same Message-ID
 * follows), the job retries until NOTIFICATION_ATTEMPTS, then FAILED. An
 * operator's retry (Monitoring) puts a FAILED job back; it sends unless a
 * delivery record says it was accepted.
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

    const claim = await this.statuses.claimSend(job.id, this.clock(), this.settings.sendLeaseMs);
    if (!claim.claimed) {
      if (claim.delivered === undefined) return { outcome: 'wait', until: claim.heldUntil };
      // Repairs a status that a raced write, or a run that died after the record, left behind.
      await this.statuses.markSent(job.id, claim.delivered.messageId, claim.delivered.sentAt);
      return { outcome: 'already-sent' };
    }

    // From here this run holds the claim, for a lease's length at most.
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
      await this.statuses.endClaim(claim.claimId, this.clock());
      const { failure } = error;
      if (failure.kind === 'refused' && failure.permanent) {
        return this.fail(job, email, `The mail server refused the email: ${failure.message}`);
      }
      if (failure.kind === 'unknown') {
        this.logger.warn(
          { notificationId: job.id, error: failure.message },
          'the connection failed while sending; the email may have arrived and is sent again with the same Message-ID',
        );
      }
      return this.retryOrFail(job, email, attempt, failure.message);
    }
    const sentAt = this.clock();
    await this.recordDelivery(job.id, messageId, sentAt);
    await this.statuses.recordSent(job, email.subject, messageId, sentAt);
    return { outcome: 'sent', messageId };
  }

  /**
   * The email was accepted: without its record, the job's next run sends it
   * again. So a store that is down or restarting does not make this run give
   * up: it tries for up to a lease's length (while it runs, BullMQ gives the
   * job to no other run, and a late record still stops the next one).
   */
  private async recordDelivery(id: string, messageId: string, sentAt: Date): Promise<void> {
    const giveUpAt = sentAt.getTime() + this.settings.sendLeaseMs;
    for (let waitMs = RECORD_RETRY_MS; ; waitMs = Math.min(waitMs * 2, 1_000)) {
      try {
        await this.statuses.recordDelivery(id, messageId, sentAt);
        return;
      } catch (error) {
        if (this.clock().getTime() + waitMs >= giveUpAt) throw error;
        this.logger.warn(
          { notificationId: id, err: error },
          'cannot record an accepted email yet; trying again',
        );
        await sleep(waitMs);
      }
    }
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

  private async retryOrFail(
    job: NotificationJob,
    email: RenderedEmail,
    attempt: number,
    error: string,
  ): Promise<DeliveryOutcome> {
    if (attempt >= this.settings.maxAttempts) {
      return this.fail(job, email, `${error} (gave up after ${attempt} attempts)`);
    }
    await this.statuses.recordRetryableError(job, email.subject, error);
    return { outcome: 'retry', error };
  }

  private async fail(
    job: NotificationJob,
    email: RenderedEmail,
    error: string,
  ): Promise<DeliveryOutcome> {
    await this.statuses.recordFailed(job, email.subject, error);
    return { outcome: 'failed', error };
  }
}
