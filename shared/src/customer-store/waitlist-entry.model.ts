import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../stores/mongo-models';
import { WAITLIST_STATUSES, type WaitlistStatusValue } from './statuses';

/** What the customer last asked of a waitlist entry. */
export type WaitlistRequest = 'JOIN' | 'LEAVE';

/**
 * A customer's place on a launch's waitlist in the customer store's
 * `waitlist_entries`: the customer's latest request (written by the Customer
 * subgraph) and where PostgreSQL put them (copied back by the sync worker).
 * One entry per customer and launch, under the id PostgreSQL's entry has.
 */
export interface WaitlistEntryRecord {
  _id: string;
  customerUserId: string;
  launchId: string;
  seats: number;
  /** While HOLDING: the seats held for the customer (as many of `seats` as came free). */
  heldSeats: number | null;
  request: WaitlistRequest;
  requestedAt: Date;
  /** Until the sync worker has carried the latest request to PostgreSQL. */
  requestPending: boolean;
  status: WaitlistStatusValue;
  /** Place in line (earliest first), as PostgreSQL has it. */
  queuedAt: Date | null;
  holdExpiresAt: Date | null;
  bookingId: string | null;
  /** The id of the last outbox event applied. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const WAITLIST_ENTRIES_COLLECTION = 'waitlist_entries';

const waitlistEntrySchema = new Schema<WaitlistEntryRecord>(
  {
    _id: { type: String, required: true },
    customerUserId: { type: String, required: true },
    launchId: { type: String, required: true },
    seats: { type: Number, required: true },
    heldSeats: { type: Number, default: null },
    request: { type: String, enum: ['JOIN', 'LEAVE'], required: true },
    requestedAt: { type: Date, required: true },
    requestPending: { type: Boolean, required: true },
    status: { type: String, enum: WAITLIST_STATUSES, required: true },
    queuedAt: { type: Date, default: null },
    holdExpiresAt: { type: Date, default: null },
    bookingId: { type: String, default: null },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: WAITLIST_ENTRIES_COLLECTION, versionKey: false, autoIndex: false },
);
// One entry per customer and launch: joining twice is an insert this index refuses.
waitlistEntrySchema.index({ customerUserId: 1, launchId: 1 }, { unique: true });
// myWaitlist, newest request first.
waitlistEntrySchema.index({ customerUserId: 1, requestedAt: -1 });
// A customer's place in line: those queued before them.
waitlistEntrySchema.index({ launchId: 1, status: 1, queuedAt: 1 });
// The sync worker's sweep of requests not yet in PostgreSQL.
waitlistEntrySchema.index({ requestPending: 1, requestedAt: 1 });

export type WaitlistEntryModel = Model<WaitlistEntryRecord>;

export function waitlistEntryModel(connection: Connection): WaitlistEntryModel {
  return modelOn(connection, 'WaitlistEntry', waitlistEntrySchema);
}
