import type {
  WaitlistEntryModel,
  WaitlistEntryRecord,
  WaitlistStatusValue,
} from '@astrobookings/shared';

/** A waitlist entry as PostgreSQL has it. */
export interface WaitlistState {
  id: string;
  seats: number;
  heldSeats: number | null;
  status: Exclude<WaitlistStatusValue, 'PENDING'>;
  queuedAt: Date;
  holdExpiresAt: Date | null;
  bookingId: string | null;
}

export type WaitlistRequestCopy = Pick<
  WaitlistEntryRecord,
  '_id' | 'customerUserId' | 'launchId' | 'seats' | 'request' | 'requestedAt' | 'requestPending'
>;

type StateFields = Pick<
  WaitlistEntryRecord,
  'seats' | 'heldSeats' | 'status' | 'queuedAt' | 'holdExpiresAt' | 'bookingId'
>;

function fieldsOf(state: WaitlistState): StateFields {
  return {
    seats: state.seats,
    heldSeats: state.heldSeats,
    status: state.status,
    queuedAt: state.queuedAt,
    holdExpiresAt: state.holdExpiresAt,
    bookingId: state.bookingId,
  };
}

export function waitlistDrift(
  copy: WaitlistEntryRecord | undefined,
  state: WaitlistState,
): boolean {
  if (copy === undefined) return false; // entries start in the customer store; nothing to add
  const want = fieldsOf(state);
  return (Object.keys(want) as (keyof StateFields)[]).some(
    (key) => JSON.stringify(copy[key]) !== JSON.stringify(want[key]),
  );
}

/**
 * Waitlist entries in the customer store, as the sync worker keeps them: the
 * customer's requests are read from here, and PostgreSQL's decisions copied back
 * in outbox order.
 */
export class WaitlistCopies {
  constructor(private readonly entries: WaitlistEntryModel) {}

  async ensureIndexes(): Promise<void> {
    await this.entries.createIndexes();
  }

  async findRequest(id: string): Promise<WaitlistRequestCopy | undefined> {
    const record = await this.entries
      .findById(id, {
        customerUserId: 1,
        launchId: 1,
        seats: 1,
        request: 1,
        requestedAt: 1,
        requestPending: 1,
      })
      .lean<WaitlistRequestCopy>()
      .exec();
    return record ?? undefined;
  }

  /** Applies PostgreSQL's entry from event `version`; false when the copy had something newer. */
  async apply(state: WaitlistState, version: number, now: Date): Promise<boolean> {
    const result = await this.entries
      .updateOne(
        { _id: state.id, version: { $lt: version } },
        { $set: { ...fieldsOf(state), version, updatedAt: now } },
      )
      .exec();
    return result.modifiedCount > 0;
  }

  /** An entry PostgreSQL never had: the customer's request ends it there. */
  async settleUnknown(id: string, status: 'LEFT' | 'CLOSED', now: Date): Promise<boolean> {
    const result = await this.entries
      .updateOne({ _id: id, version: 0 }, { $set: { status, updatedAt: now } })
      .exec();
    return result.modifiedCount > 0;
  }

  /** The request of `requestedAt` reached PostgreSQL (unless the customer asked again since). */
  async markCarried(id: string, requestedAt: Date, now: Date): Promise<void> {
    await this.entries
      .updateOne({ _id: id, requestedAt }, { $set: { requestPending: false, updatedAt: now } })
      .exec();
  }

  async listPending(before: Date, limit: number): Promise<WaitlistRequestCopy[]> {
    return this.entries
      .find({ requestPending: true, requestedAt: { $lt: before } }, { _id: 1, requestedAt: 1 })
      .sort({ requestedAt: 1 })
      .limit(limit)
      .lean<WaitlistRequestCopy[]>()
      .exec();
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, WaitlistEntryRecord>> {
    const records = await this.entries
      .find({ _id: { $in: [...ids] } })
      .lean<WaitlistEntryRecord[]>()
      .exec();
    return new Map(records.map((record) => [record._id, record]));
  }

  async repair(state: WaitlistState, seen: WaitlistEntryRecord, now: Date): Promise<boolean> {
    const result = await this.entries
      .updateOne(
        { _id: state.id, updatedAt: seen.updatedAt },
        { $set: { ...fieldsOf(state), updatedAt: now } },
      )
      .exec();
    return result.modifiedCount > 0;
  }
}
