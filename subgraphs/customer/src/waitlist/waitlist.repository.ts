import {
  isDuplicateKeyError,
  type WaitlistEntryModel,
  type WaitlistEntryRecord,
} from '@astrobookings/shared';

export interface WaitlistEntryView {
  id: string;
  customerUserId: string;
  launchId: string;
  seats: number;
  heldSeats: number | null;
  request: WaitlistEntryRecord['request'];
  requestedAt: Date;
  requestPending: boolean;
  status: WaitlistEntryRecord['status'];
  queuedAt: Date | null;
  holdExpiresAt: Date | null;
}

function toView(record: WaitlistEntryRecord): WaitlistEntryView {
  return {
    id: record._id,
    customerUserId: record.customerUserId,
    launchId: record.launchId,
    seats: record.seats,
    heldSeats: record.heldSeats ?? null,
    request: record.request,
    requestedAt: record.requestedAt,
    requestPending: record.requestPending,
    status: record.status,
    queuedAt: record.queuedAt,
    holdExpiresAt: record.holdExpiresAt,
  };
}

/** Customers' waitlist entries in the customer store, as the Customer subgraph writes and reads them. */
export class WaitlistRepository {
  constructor(private readonly entries: WaitlistEntryModel) {}

  async ensureIndexes(): Promise<void> {
    await this.entries.createIndexes();
  }

  async findById(id: string): Promise<WaitlistEntryView | undefined> {
    const record = await this.entries.findById(id).lean<WaitlistEntryRecord>().exec();
    return record === null ? undefined : toView(record);
  }

  async findOfCustomer(
    customerUserId: string,
    launchId: string,
  ): Promise<WaitlistEntryView | undefined> {
    const record = await this.entries
      .findOne({ customerUserId, launchId })
      .lean<WaitlistEntryRecord>()
      .exec();
    return record === null ? undefined : toView(record);
  }

  /** Records a first request to join; false when the customer has an entry for the launch already. */
  async insertJoin(
    entry: { id: string; customerUserId: string; launchId: string; seats: number },
    now: Date,
  ): Promise<boolean> {
    try {
      await this.entries.create({
        _id: entry.id,
        customerUserId: entry.customerUserId,
        launchId: entry.launchId,
        seats: entry.seats,
        heldSeats: null,
        request: 'JOIN',
        requestedAt: now,
        requestPending: true,
        status: 'PENDING',
        queuedAt: null,
        holdExpiresAt: null,
        bookingId: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async requestJoin(id: string, seats: number, now: Date): Promise<void> {
    await this.entries
      .updateOne(
        { _id: id },
        {
          $set: { request: 'JOIN', seats, requestedAt: now, requestPending: true, updatedAt: now },
        },
      )
      .exec();
  }

  async requestLeave(id: string, now: Date): Promise<void> {
    await this.entries
      .updateOne(
        { _id: id },
        { $set: { request: 'LEAVE', requestedAt: now, requestPending: true, updatedAt: now } },
      )
      .exec();
  }

  /** A customer's entries, latest request first. */
  async listByCustomer(customerUserId: string, limit: number): Promise<WaitlistEntryView[]> {
    const records = await this.entries
      .find({ customerUserId })
      .sort({ requestedAt: -1, _id: -1 })
      .limit(limit)
      .lean<WaitlistEntryRecord[]>()
      .exec();
    return records.map(toView);
  }

  /** How many WAITING entries of a launch are ahead of one queued at `queuedAt`. */
  countAhead(launchId: string, queuedAt: Date, id: string): Promise<number> {
    return this.entries
      .countDocuments({
        launchId,
        status: 'WAITING',
        $or: [{ queuedAt: { $lt: queuedAt } }, { queuedAt, _id: { $lt: id } }],
      })
      .exec();
  }
}
