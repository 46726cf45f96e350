import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { modelOn } from '../stores/mongo-models';

/** pino's level labels, from the most to the least verbose. */
export const LOG_LEVEL_LABELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevelLabel = (typeof LOG_LEVEL_LABELS)[number];

/**
 * One structured log line of any process, in the system store's `system_logs`
 * (written in batches by MongoLogStream, read by the Monitoring subgraph).
 */
export interface SystemLogRecord {
  /** Made by the shipper, so re-sending a batch after a lost reply is recognised as a duplicate. */
  _id: Types.ObjectId;
  timestamp: Date;
  level: LogLevelLabel;
  service: string;
  message: string;
  correlationId?: string;
  /**
   * The line's other fields as JSON text: their keys are free-form (and may hold
   * `.` or `$`), so they are kept out of the document's own fields.
   */
  context?: string;
  /** When the line reached the store: retention is by `timestamp`, this is for diagnosis. */
  shippedAt: Date;
}

export const SYSTEM_LOGS_COLLECTION = 'system_logs';

const systemLogSchema = new Schema<SystemLogRecord>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    timestamp: { type: Date, required: true },
    level: { type: String, enum: LOG_LEVEL_LABELS, required: true },
    service: { type: String, required: true },
    message: { type: String, required: true },
    correlationId: String,
    context: String,
    shippedAt: { type: Date, required: true },
  },
  { collection: SYSTEM_LOGS_COLLECTION, versionKey: false, autoIndex: false },
);
// Newest first is the only order systemLogs reads; each filter leads one index.
systemLogSchema.index({ timestamp: -1, _id: -1 });
systemLogSchema.index({ level: 1, timestamp: -1 });
systemLogSchema.index({ service: 1, timestamp: -1 });
systemLogSchema.index({ correlationId: 1, timestamp: -1 });

export type SystemLogModel = Model<SystemLogRecord>;

export function systemLogModel(connection: Connection): SystemLogModel {
  return modelOn(connection, 'SystemLog', systemLogSchema);
}
