import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../stores/mongo-models';

/** Which way a sync run carried data. */
export enum SyncDirection {
  /** Operational PostgreSQL → customer MongoDB (outbox events, reconciliation). */
  TO_CUSTOMER_STORE = 'TO_CUSTOMER_STORE',
  /** Customer MongoDB → operational PostgreSQL (booking requests, cancellations). */
  TO_OPERATIONAL_STORE = 'TO_OPERATIONAL_STORE',
}

/**
 * One run of the sync worker (a batch of outbox events, a booking request, a
 * reconciliation sweep), in the system store's `sync_logs`. The sync worker
 * writes them; the Monitoring subgraph serves them as `syncLogs`.
 */
export interface SyncLogRecord {
  _id: string;
  direction: SyncDirection;
  /** What was carried: `launch`, `booking`, `invoice`, … */
  entity: string;
  /** What started the run: `outbox`, `booking-request`, `reconciliation`, … */
  trigger: string;
  /** Items looked at. */
  processed: number;
  /** Items that changed the target store. */
  applied: number;
  /** Items already applied before (a job run twice), or with nothing to change. */
  skipped: number;
  failed: number;
  /** Longest time from the change in the source store to its arrival in the target, if known. */
  lagMs?: number | null;
  /** The failures' messages (bounded; never secrets). */
  errorMessages: string[];
  startedAt: Date;
  finishedAt: Date;
  correlationId?: string;
}

export const SYNC_LOGS_COLLECTION = 'sync_logs';

const syncLogSchema = new Schema<SyncLogRecord>(
  {
    _id: { type: String, required: true },
    direction: { type: String, enum: Object.values(SyncDirection), required: true },
    entity: { type: String, required: true },
    trigger: { type: String, required: true },
    processed: { type: Number, required: true },
    applied: { type: Number, required: true },
    skipped: { type: Number, required: true },
    failed: { type: Number, required: true },
    lagMs: { type: Number, default: null },
    errorMessages: { type: [String], default: [] },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, required: true },
    correlationId: String,
  },
  { collection: SYNC_LOGS_COLLECTION, versionKey: false, autoIndex: false },
);
syncLogSchema.index({ finishedAt: -1, _id: -1 });
syncLogSchema.index({ direction: 1, entity: 1, finishedAt: -1 });

export type SyncLogModel = Model<SyncLogRecord>;

export function syncLogModel(connection: Connection): SyncLogModel {
  return modelOn(connection, 'SyncLog', syncLogSchema);
}
