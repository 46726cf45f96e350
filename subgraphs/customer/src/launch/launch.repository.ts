import {
  ON_SALE_STATUSES,
  type LaunchViewModel,
  type LaunchViewRecord,
} from '@astrobookings/shared';
import type { QueryFilter } from 'mongoose';

export interface LaunchView {
  id: string;
  mission: string;
  destination: string;
  scheduledAt: Date;
  status: LaunchViewRecord['status'];
  pricePerSeat: number;
  currency: string;
  seatsAvailable: number;
  spaceport: { id: string; name: string; location: string };
  /** What the destination filter matches (lower case). */
  destinationKey: string;
  rocketId: string;
  rocketName: string | null;
}

/** What customers may narrow the launches on sale by. */
export interface SaleFilter {
  destinationKey?: string;
  from?: Date;
  to?: Date;
  spaceportId?: string;
}

/** Where a page of launches starts: after this departure time and id. */
export interface LaunchKey {
  scheduledAt: Date;
  id: string;
}

const VIEW = {
  mission: 1,
  destination: 1,
  scheduledAt: 1,
  status: 1,
  pricePerSeat: 1,
  currency: 1,
  seatsAvailable: 1,
  spaceport: 1,
  destinationKey: 1,
  rocketId: 1,
  rocketName: 1,
} as const;

type ViewFields = Pick<LaunchViewRecord, '_id' | keyof typeof VIEW>;

function toView(record: ViewFields): LaunchView {
  return {
    id: record._id,
    mission: record.mission,
    destination: record.destination,
    scheduledAt: record.scheduledAt,
    status: record.status,
    pricePerSeat: record.pricePerSeat,
    currency: record.currency,
    seatsAvailable: record.seatsAvailable,
    spaceport: record.spaceport,
    destinationKey: record.destinationKey,
    rocketId: record.rocketId,
    rocketName: record.rocketName,
  };
}

/** The launches of the read model, as customers see them. */
export class LaunchViewRepository {
  constructor(private readonly launches: LaunchViewModel) {}

  async ensureIndexes(): Promise<void> {
    await this.launches.createIndexes();
  }

  async findById(id: string): Promise<LaunchView | undefined> {
    const record = await this.launches.findById(id, VIEW).lean<ViewFields>().exec();
    return record === null ? undefined : toView(record);
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, LaunchView>> {
    const records = await this.launches
      .find({ _id: { $in: [...ids] } }, VIEW)
      .lean<ViewFields[]>()
      .exec();
    return new Map(records.map((record) => [record._id, toView(record)]));
  }

  /** Launches on sale departing after `now`, by departure then id, `limit` of them after `after`. */
  async pageOnSale(
    filter: SaleFilter,
    now: Date,
    limit: number,
    after: LaunchKey | undefined,
  ): Promise<LaunchView[]> {
    const conditions: QueryFilter<LaunchViewRecord>[] = [onSale(filter, now)];
    if (after !== undefined) {
      conditions.push({
        $or: [
          { scheduledAt: { $gt: after.scheduledAt } },
          { scheduledAt: after.scheduledAt, _id: { $gt: after.id } },
        ],
      });
    }
    const records = await this.launches
      .find({ $and: conditions }, VIEW)
      .sort({ scheduledAt: 1, _id: 1 })
      .limit(limit)
      .lean<ViewFields[]>()
      .exec();
    return records.map(toView);
  }

  /**
   * How long from `now` what this repository answers stays true unless a
   * change is announced: the store's own answers carry no such promise.
   */
  unchangedForMs(_now: Date): number {
    return 0;
  }

  countOnSale(filter: SaleFilter, now: Date): Promise<number> {
    return this.launches.countDocuments(onSale(filter, now)).exec();
  }

  /** Every launch in an on-sale status, departed or not, in no order: for a catalog held in memory. */
  async forEachOnSale(visit: (launch: LaunchView) => void): Promise<void> {
    const cursor = this.launches
      .find({ status: { $in: [...ON_SALE_STATUSES] } }, VIEW)
      .lean<ViewFields>()
      .cursor();
    for await (const record of cursor) visit(toView(record));
  }
}

function onSale(filter: SaleFilter, now: Date): QueryFilter<LaunchViewRecord> {
  const departure: Record<string, Date> = { $gt: now };
  if (filter.from !== undefined) departure.$gte = filter.from;
  if (filter.to !== undefined) departure.$lte = filter.to;
  return {
    status: { $in: [...ON_SALE_STATUSES] },
    scheduledAt: departure,
    ...(filter.destinationKey === undefined ? {} : { destinationKey: filter.destinationKey }),
    ...(filter.spaceportId === undefined ? {} : { 'spaceport.id': filter.spaceportId }),
  };
}
