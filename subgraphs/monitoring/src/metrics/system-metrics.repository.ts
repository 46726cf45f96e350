import type { SystemMetricsModel, SystemMetricsRecord } from './system-metrics.model';

export type NewSnapshot = Omit<SystemMetricsRecord, '_id'>;

/** The metrics snapshots in the system store. */
export class SystemMetricsRepository {
  constructor(private readonly snapshots: SystemMetricsModel) {}

  async ensureIndexes(): Promise<void> {
    await this.snapshots.createIndexes();
  }

  async add(snapshot: NewSnapshot): Promise<void> {
    await this.snapshots.create(snapshot);
  }

  /** The latest `limit` snapshots within the window, oldest first (as a chart draws them). */
  async findLatest(
    window: { since?: Date; until?: Date },
    limit: number,
  ): Promise<SystemMetricsRecord[]> {
    const takenAt: Record<string, Date> = {};
    if (window.since !== undefined) takenAt.$gte = window.since;
    if (window.until !== undefined) takenAt.$lte = window.until;
    const records = await this.snapshots
      .find(Object.keys(takenAt).length > 0 ? { takenAt } : {})
      .sort({ takenAt: -1 })
      .limit(limit)
      .lean<SystemMetricsRecord[]>()
      .exec();
    return records.reverse();
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const result = await this.snapshots.deleteMany({ takenAt: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }
}
