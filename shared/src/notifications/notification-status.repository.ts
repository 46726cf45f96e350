import type { NotificationJob } from './notification.job';
import {
  NotificationState,
  type NotificationDeliveryRecord,
  type NotificationSendClaim,
  type NotificationStatusModels,
  type NotificationStatusRecord,
} from './notification-status.model';
import { InsertBatch } from '../stores/insert-batch';

/**
 * The outcome of claiming a send: this run holds the claim and may send, the
 * email was already accepted, or another run holds a claim until `heldUntil`.
 */
export type SendClaim =
  | { claimed: true; claimId: string }
  | { claimed: false; delivered: NotificationDeliveryRecord }
  | { claimed: false; delivered: undefined; heldUntil: Date };

/** What one attempt left behind, written to the status. */
type AttemptOutcome =
  | { status: NotificationState.SENT; messageId: string; sentAt: Date }
  | { status: NotificationState.QUEUED | NotificationState.FAILED; error: string };

/** The fields of a status that name the notification. */
type StatusIdentity = Pick<
  NotificationStatusRecord,
  | '_id'
  | 'kind'
  | 'recipientUserId'
  | 'recipientEmail'
  | 'recipientRole'
  | 'subject'
  | 'job'
  | 'correlationId'
>;

/** The maximum stored length of a delivery error. */
const MAX_ERROR_CHARS = 1_000;

function errorText(message: string): string {
  return message.length <= MAX_ERROR_CHARS ? message : `${message.slice(0, MAX_ERROR_CHARS)}…`;
}

/**
 * Notification statuses, send claims and delivery records in the system
 * store, used by the notification worker (which delivers) and the Monitoring
 * subgraph (which shows and retries).
 *
 * The worker's writes per email are inserts, each batched with those of
 * concurrent jobs (one insertMany per round trip): a status is written once
 * per attempt, with its outcome, and updated only from a second attempt on.
 */
export class NotificationStatusRepository {
  private readonly statusInserts: InsertBatch<NotificationStatusRecord>;
  private readonly claimInserts: InsertBatch<NotificationSendClaim>;
  private readonly deliveryInserts: InsertBatch<NotificationDeliveryRecord>;

  constructor(
    private readonly models: NotificationStatusModels,
    /** How long an insert waits for concurrent jobs' to share its round trip (see InsertBatch). */
    insertWaitMs = 0,
  ) {
    this.statusInserts = new InsertBatch(models.statuses, insertWaitMs);
    this.claimInserts = new InsertBatch(models.claims, insertWaitMs);
    this.deliveryInserts = new InsertBatch(models.deliveries, insertWaitMs);
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.models.statuses.createIndexes(),
      this.models.claims.createIndexes(),
      this.models.deliveries.createIndexes(),
    ]);
  }

  /** Records an attempt whose email the SMTP server accepted. */
  async recordSent(job: NotificationJob, subject: string, messageId: string, sentAt: Date) {
    await this.recordAttempt(identityOf(job, subject), {
      status: NotificationState.SENT,
      messageId,
      sentAt,
    });
  }

  /** Records an attempt that failed; another follows. */
  async recordRetryableError(job: NotificationJob, subject: string, error: string) {
    await this.recordAttempt(identityOf(job, subject), { status: NotificationState.QUEUED, error });
  }

  /** Records an attempt after which the notification is FAILED, for an operator. */
  async recordFailed(job: NotificationJob, subject: string, error: string) {
    await this.recordAttempt(identityOf(job, subject), { status: NotificationState.FAILED, error });
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
    await this.recordAttempt(
      {
        _id: id,
        kind: text(job.kind),
        recipientUserId: text(recipient.userId),
        recipientEmail: text(recipient.email),
        recipientRole: text(recipient.role),
        subject,
        job,
        correlationId: typeof job.correlationId === 'string' ? job.correlationId : undefined,
      },
      { status: NotificationState.FAILED, error },
    );
  }

  /**
   * One write on the first attempt (an insert with the outcome); from the
   * second on, an update that counts it. A SENT status is not overwritten by a
   * failure: only a raced run could report one after the email was accepted.
   */
  private async recordAttempt(identity: StatusIdentity, outcome: AttemptOutcome): Promise<void> {
    const fields =
      outcome.status === NotificationState.SENT
        ? { status: outcome.status, messageId: outcome.messageId, sentAt: outcome.sentAt }
        : { status: outcome.status };
    const lastError = outcome.status === NotificationState.SENT ? null : errorText(outcome.error);
    const now = new Date();
    const inserted = await this.statusInserts.insert({
      ...identity,
      ...fields,
      lastError,
      attempts: 1,
      manualRetries: 0,
      createdAt: now,
      updatedAt: now,
    });
    if (inserted === 'inserted') return;
    await this.models.statuses
      .updateOne(
        outcome.status === NotificationState.SENT
          ? { _id: identity._id }
          : { _id: identity._id, status: { $ne: NotificationState.SENT } },
        { $set: { ...fields, lastError }, $inc: { attempts: 1 } },
      )
      .exec();
  }

  async find(id: string): Promise<NotificationStatusRecord | undefined> {
    const record = await this.models.statuses.findById(id).lean<NotificationStatusRecord>().exec();
    return record ?? undefined;
  }

  /**
   * Deletes what is kept of notifications settled before `cutoff`: SENT and
   * FAILED statuses last changed then, and the claims and delivery records of
   * sends that old (long past any lease or retry). Answers the statuses deleted.
   */
  async purgeSettledBefore(cutoff: Date): Promise<number> {
    const [statuses] = await Promise.all([
      this.models.statuses
        .deleteMany({
          status: { $in: [NotificationState.SENT, NotificationState.FAILED] },
          updatedAt: { $lt: cutoff },
        })
        .exec(),
      this.models.claims.deleteMany({ claimedAt: { $lt: cutoff } }).exec(),
      this.models.deliveries.deleteMany({ sentAt: { $lt: cutoff } }).exec(),
    ]);
    return statuses.deletedCount;
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

  /** Repairs a status that a raced write left behind an accepted email. */
  async markSent(id: string, messageId: string, sentAt: Date): Promise<void> {
    await this.models.statuses
      .updateOne(
        { _id: id },
        { $set: { status: NotificationState.SENT, messageId, sentAt, lastError: null } },
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
   * Claims the send of a notification's email (see NotificationSendClaim). The
   * first run takes generation 0 with one insert. A later one reads whether
   * the email was accepted, then the newest claim: while its lease lasts, its
   * holder may be sending; once over, the send was interrupted or given up,
   * and the next generation is claimed. Of runs racing, one insert wins.
   */
  async claimSend(id: string, now: Date, leaseMs: number): Promise<SendClaim> {
    const first = await this.insertClaim(id, 0, now, leaseMs);
    if (first.claimed) return first;
    const delivered = await this.findDelivery(id);
    if (delivered !== undefined) return { claimed: false, delivered };
    const newest = await this.models.claims
      .findOne({ notificationId: id })
      .sort({ generation: -1 })
      .lean<NotificationSendClaim>()
      .exec();
    if (newest === null) return first;
    if (newest.leaseUntil > now) {
      return { claimed: false, delivered: undefined, heldUntil: newest.leaseUntil };
    }
    return this.insertClaim(id, newest.generation + 1, now, leaseMs);
  }

  private async insertClaim(
    id: string,
    generation: number,
    now: Date,
    leaseMs: number,
  ): Promise<SendClaim> {
    const claimId = `${id}:${generation}`;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const outcome = await this.claimInserts.insert({
      _id: claimId,
      notificationId: id,
      generation,
      claimedAt: now,
      leaseUntil,
    });
    // Taken by a run of this same moment: its lease ends about when this one's would.
    return outcome === 'inserted'
      ? { claimed: true, claimId }
      : { claimed: false, delivered: undefined, heldUntil: leaseUntil };
  }

  /**
   * Ends the holder's lease early, when its email certainly was not accepted,
   * so the next attempt need not wait for it. Only the holder writes its claim.
   */
  async endClaim(claimId: string, now: Date): Promise<void> {
    await this.models.claims.updateOne({ _id: claimId }, { $set: { leaseUntil: now } }).exec();
  }

  /**
   * Records that the SMTP server accepted the email; only after its 250. A
   * record already there (a run whose lease ran out sent it too) stays.
   */
  async recordDelivery(id: string, messageId: string, sentAt: Date): Promise<void> {
    await this.deliveryInserts.insert({ _id: id, messageId, sentAt });
  }

  async findDelivery(id: string): Promise<NotificationDeliveryRecord | undefined> {
    const record = await this.models.deliveries
      .findById(id)
      .lean<NotificationDeliveryRecord>()
      .exec();
    return record ?? undefined;
  }
}

function identityOf(job: NotificationJob, subject: string): StatusIdentity {
  return {
    _id: job.id,
    kind: job.kind,
    recipientUserId: job.recipient.userId,
    recipientEmail: job.recipient.email,
    recipientRole: job.recipient.role,
    subject,
    job,
    correlationId: job.correlationId,
  };
}
