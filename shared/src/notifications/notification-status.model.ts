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
 * keyed by the notification id. Written by the notification worker; read and
 * retried by operators through the Monitoring subgraph.
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
 * The claim to send one notification's email, in `notification_sends`. Its _id
 * is the notification id, so only one attempt can insert it: that unique
 * insert, not an update (FerretDB applies updates non-atomically), is what
 * keeps two runs of one job from sending twice. Only the attempt holding the
 * claim writes to it, so `sentAt` here, not the status, is the record of an
 * email having left: the status is a view that concurrent runs may race on.
 */
export interface NotificationSendRecord {
  _id: string;
  claimedAt: Date;
  /**
   * Until when the claiming attempt may still be sending. Past it, without
   * `sentAt`, that attempt died and whether the email left is unknown.
   */
  leaseUntil: Date;
  sentAt?: Date;
  messageId?: string;
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

const sendSchema = new Schema<NotificationSendRecord>(
  {
    _id: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    sentAt: Date,
    messageId: String,
  },
  { collection: 'notification_sends', versionKey: false, autoIndex: false },
);

export interface NotificationStatusModels {
  statuses: Model<NotificationStatusRecord>;
  sends: Model<NotificationSendRecord>;
}

export function notificationStatusModels(connection: Connection): NotificationStatusModels {
  return {
    statuses: modelOn(connection, 'NotificationStatus', statusSchema),
    sends: modelOn(connection, 'NotificationSend', sendSchema),
  };
}
