import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../stores/mongo-models';
import type { NotificationJob } from './notification.job';

/** Where a notification's email is. */
export enum NotificationState {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/**
 * One notification's delivery, in the system store's `notification_statuses`,
 * keyed by the notification id. Written by the notification worker once per
 * attempt, from its first attempt's outcome on (so not while that is under
 * way); read and retried by operators through the Monitoring subgraph. A view
 * that concurrent runs may race on: whether the email was accepted is
 * NotificationDeliveryRecord's to say.
 */
export interface NotificationStatusRecord {
  _id: string;
  /** A NotificationKind, or whatever a job that broke the contract said. */
  kind: string;
  recipientUserId: string;
  recipientEmail: string;
  /** A RecipientRole, or whatever a job that broke the contract said. */
  recipientRole: string;
  subject: string;
  status: NotificationState;
  /** Delivery attempts so far, including those before an operator's retry. */
  attempts: number;
  lastError: string | null;
  /** The job as enqueued, so an operator's retry works after BullMQ has removed it. */
  job: NotificationJob | Record<string, unknown>;
  correlationId?: string;
  messageId?: string;
  sentAt?: Date;
  manualRetries: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One claim to send a notification's email, in `notification_send_claims`,
 * keyed `${notificationId}:${generation}`. A run may send only while it holds
 * an unexpired claim, and claims are taken by insert alone (a unique _id), not
 * by a conditional update, which FerretDB applies non-atomically: the first
 * run inserts generation 0; a later run, finding the newest generation's lease
 * over, inserts the next one, and of runs racing for it one insert wins. Only
 * its holder writes a claim, to end its lease early.
 */
export interface NotificationSendClaim {
  _id: string;
  notificationId: string;
  generation: number;
  claimedAt: Date;
  /** Until when the holder may be sending; past it, a later run may claim and send again. */
  leaseUntil: Date;
}

/**
 * The record, in `notification_deliveries`, that the SMTP server accepted a
 * notification's email (answered 250). Inserted once, after the acceptance and
 * never before, so its absence means the email may be sent (again).
 */
export interface NotificationDeliveryRecord {
  _id: string;
  messageId: string;
  sentAt: Date;
}

const statusSchema = new Schema<NotificationStatusRecord>(
  {
    _id: { type: String, required: true },
    // Not enum-checked: a job that breaks the contract is still recorded, as FAILED.
    kind: { type: String, required: true },
    recipientUserId: { type: String, required: true },
    recipientEmail: { type: String, required: true },
    recipientRole: { type: String, required: true },
    subject: { type: String, required: true },
    status: { type: String, enum: Object.values(NotificationState), required: true },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, default: null },
    job: { type: Schema.Types.Mixed, required: true },
    correlationId: String,
    messageId: String,
    sentAt: Date,
    manualRetries: { type: Number, required: true, default: 0 },
  },
  {
    collection: 'notification_statuses',
    timestamps: true,
    versionKey: false,
    autoIndex: false,
    minimize: false,
  },
);
statusSchema.index({ updatedAt: -1, _id: -1 });
statusSchema.index({ status: 1, updatedAt: -1 });
statusSchema.index({ recipientUserId: 1, createdAt: -1 });

const claimSchema = new Schema<NotificationSendClaim>(
  {
    _id: { type: String, required: true },
    notificationId: { type: String, required: true },
    generation: { type: Number, required: true },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
  },
  { collection: 'notification_send_claims', versionKey: false, autoIndex: false },
);
// The newest claim of a notification.
claimSchema.index({ notificationId: 1, generation: -1 });
// The retention sweep.
claimSchema.index({ claimedAt: 1 });

const deliverySchema = new Schema<NotificationDeliveryRecord>(
  {
    _id: { type: String, required: true },
    messageId: { type: String, required: true },
    sentAt: { type: Date, required: true },
  },
  { collection: 'notification_deliveries', versionKey: false, autoIndex: false },
);
// The retention sweep.
deliverySchema.index({ sentAt: 1 });

export interface NotificationStatusModels {
  statuses: Model<NotificationStatusRecord>;
  claims: Model<NotificationSendClaim>;
  deliveries: Model<NotificationDeliveryRecord>;
}

export function notificationStatusModels(connection: Connection): NotificationStatusModels {
  return {
    statuses: modelOn(connection, 'NotificationStatus', statusSchema),
    claims: modelOn(connection, 'NotificationSendClaim', claimSchema),
    deliveries: modelOn(connection, 'NotificationDelivery', deliverySchema),
  };
}
