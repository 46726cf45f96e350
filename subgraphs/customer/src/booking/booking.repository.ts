import {
  BOOKING_STATUS_RANK,
  InsertBatch,
  type CustomerBookingModel,
  type CustomerBookingRecord,
} from '@astrobookings/shared';

export interface BookingView {
  id: string;
  customerUserId: string;
  idempotencyKey: string;
  launchId: string;
  seats: number;
  pricePerSeat: number;
  totalPrice: number;
  currency: string;
  status: CustomerBookingRecord['status'];
  rejectionReason: string | null;
  refundPercent: number | null;
  refundAmount: number | null;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  cancelRequestedAt: Date | null;
  cancelRefusal: string | null;
  createdAt: Date;
}

export interface BookingRequest {
  id: string;
  customerUserId: string;
  idempotencyKey: string;
  launchId: string;
  seats: number;
  pricePerSeat: number;
  currency: string;
}

function toView(record: CustomerBookingRecord): BookingView {
  return {
    id: record._id,
    customerUserId: record.customerUserId,
    idempotencyKey: record.idempotencyKey,
    launchId: record.launchId,
    seats: record.seats,
    pricePerSeat: record.pricePerSeat,
    totalPrice: record.totalPrice,
    currency: record.currency,
    status: record.status,
    rejectionReason: record.rejectionReason,
    refundPercent: record.refundPercent,
    refundAmount: record.refundAmount,
    cancellationReason: record.cancellationReason,
    cancelledAt: record.cancelledAt,
    cancelRequestedAt: record.cancelRequestedAt,
    cancelRefusal: record.cancelRefusal,
    createdAt: record.createdAt,
  };
}

/** Customers' bookings in the customer store, as the Customer subgraph writes and reads them. */
export class CustomerBookingRepository {
  /** Concurrent requests' inserts share FerretDB round trips. */
  private readonly requests: InsertBatch<CustomerBookingRecord>;

  constructor(private readonly bookings: CustomerBookingModel) {
    this.requests = new InsertBatch(bookings);
  }

  async ensureIndexes(): Promise<void> {
    await this.bookings.createIndexes();
  }

  /**
   * Records a PENDING request; false when the customer already used its
   * idempotency key (the unique index decides, even between concurrent requests).
   */
  async insertRequest(request: BookingRequest, now: Date): Promise<boolean> {
    const outcome = await this.requests.insert({
      _id: request.id,
      customerUserId: request.customerUserId,
      idempotencyKey: request.idempotencyKey,
      launchId: request.launchId,
      seats: request.seats,
      pricePerSeat: request.pricePerSeat,
      totalPrice: request.seats * request.pricePerSeat,
      currency: request.currency,
      status: 'PENDING',
      statusRank: BOOKING_STATUS_RANK.PENDING,
      rejectionReason: null,
      refundPercent: null,
      refundAmount: null,
      cancellationReason: null,
      cancelledAt: null,
      cancelRequestedAt: null,
      cancelRefusal: null,
      createdAt: now,
      updatedAt: now,
    });
    return outcome === 'inserted';
  }

  async findById(id: string): Promise<BookingView | undefined> {
    const record = await this.bookings.findById(id).lean<CustomerBookingRecord>().exec();
    return record === null ? undefined : toView(record);
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, BookingView>> {
    const records = await this.bookings
      .find({ _id: { $in: [...ids] } })
      .lean<CustomerBookingRecord[]>()
      .exec();
    return new Map(records.map((record) => [record._id, toView(record)]));
  }

  async findByIdempotencyKey(
    customerUserId: string,
    idempotencyKey: string,
  ): Promise<BookingView | undefined> {
    const record = await this.bookings
      .findOne({ customerUserId, idempotencyKey })
      .lean<CustomerBookingRecord>()
      .exec();
    return record === null ? undefined : toView(record);
  }

  /** A customer's bookings, newest first. */
  async listByCustomer(customerUserId: string, limit: number): Promise<BookingView[]> {
    const records = await this.bookings
      .find({ customerUserId })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<CustomerBookingRecord[]>()
      .exec();
    return records.map(toView);
  }

  /** Notes the customer's wish to cancel, for the sync worker to carry to PostgreSQL. */
  async requestCancellation(id: string, requestedAt: Date): Promise<void> {
    await this.bookings
      .updateOne(
        { _id: id },
        { $set: { cancelRequestedAt: requestedAt, cancelRefusal: null, updatedAt: requestedAt } },
      )
      .exec();
  }
}
