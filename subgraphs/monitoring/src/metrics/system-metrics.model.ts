import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { modelOn } from '@astrobookings/shared';

/** One process's traffic over one snapshot interval. */
export interface ServiceMetricsRecord {
  service: string;
  /** Whether its /metrics answered. */
  up: boolean;
  requestRate: number;
  errorRate: number;
  p95LatencyMs: number | null;
}

export interface QueueDepthRecord {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/**
 * A periodic snapshot of the whole system, in the system store's
 * `system_metrics`, taken by the monitoring service from every process's
 * /metrics and the queues; charted by the IT operations app.
 */
export interface SystemMetricsRecord {
  _id: Types.ObjectId;
  takenAt: Date;
  /** Seconds since the previous snapshot, over which the rates are. */
  intervalSeconds: number;
  /** Requests per second (operational routes such as /metrics excluded). */
  requestRate: number;
  /** Failed requests per second: HTTP 5xx and GraphQL operations with errors. */
  errorRate: number;
  /** Share of the interval's requests that failed, 0 to 1. */
  errorRatio: number;
  p95LatencyMs: number | null;
  /** Jobs not started yet in every queue (waiting, prioritized and delayed). */
  queueDepth: number;
  services: ServiceMetricsRecord[];
  queues: QueueDepthRecord[];
}

const serviceSchema = new Schema<ServiceMetricsRecord>(
  {
    service: { type: String, required: true },
    up: { type: Boolean, required: true },
    requestRate: { type: Number, required: true },
    errorRate: { type: Number, required: true },
    p95LatencyMs: { type: Number, default: null },
  },
  { _id: false },
);

const queueSchema = new Schema<QueueDepthRecord>(
  {
    name: { type: String, required: true },
    waiting: { type: Number, required: true },
    active: { type: Number, required: true },
    delayed: { type: Number, required: true },
    failed: { type: Number, required: true },
  },
  { _id: false },
);

const systemMetricsSchema = new Schema<SystemMetricsRecord>(
  {
    takenAt: { type: Date, required: true },
    intervalSeconds: { type: Number, required: true },
    requestRate: { type: Number, required: true },
    errorRate: { type: Number, required: true },
    errorRatio: { type: Number, required: true },
    p95LatencyMs: { type: Number, default: null },
    queueDepth: { type: Number, required: true },
    services: { type: [serviceSchema], default: [] },
    queues: { type: [queueSchema], default: [] },
  },
  { collection: 'system_metrics', versionKey: false, autoIndex: false },
);
systemMetricsSchema.index({ takenAt: -1 });

export type SystemMetricsModel = Model<SystemMetricsRecord>;

export function systemMetricsModel(connection: Connection): SystemMetricsModel {
  return modelOn(connection, 'SystemMetrics', systemMetricsSchema);
}
