import {
  BOOKING_STATUS_RANK,
  isDuplicateKeyError,
  type BookingStatusValue,
  type CustomerBookingModel,
  type CustomerBookingRecord,
} from '@astrobookings/shared';

/** A booking as PostgreSQL has it, from an outbox snapshot, the Admin service or a read of the table. */
export interface BookingState {
  id: string;
  launchId: string;
  customerUserId: string;
  idempotencyKey: string;
  seats: number;
  pricePerSeat: number;
  totalPrice: number;
  currency: string;
  status: BookingStatusValue;
  rejectionReason: string | null;
  refundPercent: number | null;
  refundAmount: number | null;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

/** What a customer's booking request says. */
export type BookingRequest = Pick<
  CustomerBookingRecord,
  | '_id'
  | 'customerUserId'
  | 'launchId'
  | 'seats'
  | 'idempotencyKey'
  | 'status'
  | 'cancelRequestedAt'
  | 'createdAt'
>;

const COPIED_LIMIT = 50_000;

const DECIDED_FIELDS = [
  'seats',
  'pricePerSeat',
  'totalPrice',
  'currency',
  'status',
  'rejectionReason',
  'refundPercent',
  'refundAmount',
  'cancellationReason',
  'cancelledAt',
] as const;

type DecidedFields = Pick<CustomerBookingRecord, (typeof DECIDED_FIELDS)[number]>;

function decidedFields(state: BookingState): DecidedFields {
  return {
    seats: state.seats,
    pricePerSeat: state.pricePerSeat,
    totalPrice: state.totalPrice,
    currency: state.currency,
    status: state.status,
    rejectionReason: state.rejectionReason,
    refundPercent: state.refundPercent,
    refundAmount: state.refundAmount,
    cancellationReason: state.cancellationReason,
    cancelledAt: state.cancelledAt,
  };
}

/** Whether a copy differs from PostgreSQL's booking in what PostgreSQL decides. */
export function bookingDrift(
  copy: CustomerBookingRecord | undefined,
  state: BookingState,
): boolean {
  if (copy === undefined) return true;
  const want = decidedFields(state);
  return DECIDED_FIELDS.some((key) => JSON.stringify(copy[key]) !== JSON.stringify(want[key]));
}

/**
 * Customers' bookings in the customer store, as the sync worker keeps them. A
 * booking only moves forward (BOOKING_STATUS_RANK), so a copy that arrives late
 * (a job run twice, events out of order) never undoes a newer one.
 */
export class BookingCopies {
  /**
   * How far this process has already brought each recent booking: the outbox
   * event that follows a decision it copied itself needs no second write.
   */
  private readonly copied = new Map<string, number>();

  constructor(private readonly bookings: CustomerBookingModel) {}

  async ensureIndexes(): Promise<void> {
    await this.bookings.createIndexes();
  }

  /**
   * One request, by its id. Not batched across jobs: on FerretDB v1 one $in over
   * the ids of a batch cost about three times the CPU of the lookups by _id it
   * replaced (bench, bookings).
   */
  async findRequest(id: string): Promise<BookingRequest | undefined> {
    const record = await this.bookings
      .findById(id, {
        customerUserId: 1,
        launchId: 1,
        seats: 1,
        idempotencyKey: 1,
        status: 1,
        cancelRequestedAt: 1,
        createdAt: 1,
      })
      .lean<BookingRequest>()
      .exec();
    return record ?? undefined;
  }

  /**
   * Applies PostgreSQL's booking; a booking the customer store does not know yet
   * (placed another way) is added. False when the copy already had it, or newer.
   */
  async apply(state: BookingState, now: Date): Promise<boolean> {
    if ((this.copied.get(state.id) ?? -1) >= BOOKING_STATUS_RANK[state.status]) return false;
    return this.write(state, now);
  }

  private async write(state: BookingState, now: Date): Promise<boolean> {
    const rank = BOOKING_STATUS_RANK[state.status];
    let applied: boolean;
    try {
      const result = await this.bookings
        .updateOne(
          { _id: state.id, statusRank: { $lt: rank } },
          {
            $set: {
              ...decidedFields(state),
              statusRank: rank,
              updatedAt: now,
              ...(state.status === 'CANCELLED' ? { cancelRequestedAt: null } : {}),
            },
            $setOnInsert: {
              customerUserId: state.customerUserId,
              idempotencyKey: state.idempotencyKey,
              launchId: state.launchId,
              createdAt: state.createdAt,
              cancelRefusal: null,
              ...(state.status === 'CANCELLED' ? {} : { cancelRequestedAt: null }),
            },
          },
          { upsert: true },
        )
        .exec();
      applied = result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      applied = false;
    }
    this.remember(state.id, rank);
    return applied;
  }

  private remember(id: string, rank: number): void {
    if (this.copied.size >= COPIED_LIMIT) this.copied.clear();
    this.copied.set(id, rank);
  }

  /** A request PostgreSQL refused outright (no such launch, a key reused for another booking). */
  async rejectUndecided(id: string, reason: string, now: Date): Promise<boolean> {
    const result = await this.bookings
      .updateOne(
        { _id: id, statusRank: BOOKING_STATUS_RANK.PENDING },
        {
          $set: {
            status: 'REJECTED',
            statusRank: BOOKING_STATUS_RANK.REJECTED,
            rejectionReason: reason,
            updatedAt: now,
          },
        },
      )
      .exec();
    return result.modifiedCount > 0;
  }

  /** The cancellation asked for at `requestedAt` is decided: refused (with why) or done. */
  async closeCancellation(
    id: string,
    requestedAt: Date,
    refusal: string | null,
    now: Date,
  ): Promise<void> {
    await this.bookings
      .updateOne(
        { _id: id, cancelRequestedAt: requestedAt },
        { $set: { cancelRequestedAt: null, cancelRefusal: refusal, updatedAt: now } },
      )
      .exec();
  }

  /** Requests older than `before` still waiting for PostgreSQL: undecided bookings. */
  async listUndecided(before: Date, limit: number): Promise<BookingRequest[]> {
    return this.bookings
      .find({ status: 'PENDING', createdAt: { $lt: before } }, { _id: 1, createdAt: 1 })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<BookingRequest[]>()
      .exec();
  }

  /** Cancellations asked for before `before` and not decided yet. */
  async listCancellationsAsked(before: Date, limit: number): Promise<BookingRequest[]> {
    return this.bookings
      .find({ cancelRequestedAt: { $ne: null, $lt: before } }, { _id: 1, cancelRequestedAt: 1 })
      .sort({ cancelRequestedAt: 1 })
      .limit(limit)
      .lean<BookingRequest[]>()
      .exec();
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, CustomerBookingRecord>> {
    const records = await this.bookings
      .find({ _id: { $in: [...ids] } })
      .lean<CustomerBookingRecord[]>()
      .exec();
    return new Map(records.map((record) => [record._id, record]));
  }

  /** Overwrites a copy that drifted, unless written since it was read (`seen`). */
  async repair(
    state: BookingState,
    seen: CustomerBookingRecord | undefined,
    now: Date,
  ): Promise<boolean> {
    if (seen === undefined) return this.write(state, now);
    const result = await this.bookings
      .updateOne(
        { _id: state.id, updatedAt: seen.updatedAt },
        {
          $set: {
            ...decidedFields(state),
            statusRank: BOOKING_STATUS_RANK[state.status],
            updatedAt: now,
          },
        },
      )
      .exec();
    return result.modifiedCount > 0;
  }
}
