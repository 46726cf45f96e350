import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../stores/mongo-models';
import { BOOKING_STATUSES, type BookingStatusValue } from './statuses';

/**
 * A customer's booking in the customer store's `bookings`. The Customer
 * subgraph records the request (PENDING) under the id PostgreSQL's booking will
 * have; the sync worker has PostgreSQL decide it and copies the outcome back.
 */
export interface CustomerBookingRecord {
  _id: string;
  /** The Auth service's id of the customer. */
  customerUserId: string;
  /** Chosen by the client: unique per customer (a unique index, not a check). */
  idempotencyKey: string;
  launchId: string;
  seats: number;
  /** The launch's price when requested; PostgreSQL's fixed price once decided. */
  pricePerSeat: number;
  totalPrice: number;
  currency: string;
  status: BookingStatusValue;
  /** BOOKING_STATUS_RANK of `status`: copies only ever move a booking forward. */
  statusRank: number;
  rejectionReason: string | null;
  refundPercent: number | null;
  refundAmount: number | null;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  /** When the customer asked to cancel, until PostgreSQL has decided. */
  cancelRequestedAt: Date | null;
  /** Why PostgreSQL refused the customer's last cancellation. */
  cancelRefusal: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CUSTOMER_BOOKINGS_COLLECTION = 'bookings';

const customerBookingSchema = new Schema<CustomerBookingRecord>(
  {
    _id: { type: String, required: true },
    customerUserId: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
    launchId: { type: String, required: true },
    seats: { type: Number, required: true },
    pricePerSeat: { type: Number, required: true },
    totalPrice: { type: Number, required: true },
    currency: { type: String, required: true },
    status: { type: String, enum: BOOKING_STATUSES, required: true },
    statusRank: { type: Number, required: true },
    rejectionReason: { type: String, default: null },
    refundPercent: { type: Number, default: null },
    refundAmount: { type: Number, default: null },
    cancellationReason: { type: String, default: null },
    cancelledAt: { type: Date, default: null },
    cancelRequestedAt: { type: Date, default: null },
    cancelRefusal: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: CUSTOMER_BOOKINGS_COLLECTION, versionKey: false, autoIndex: false },
);
// The idempotency key: a repeated bookSeats is an insert this index refuses.
customerBookingSchema.index({ customerUserId: 1, idempotencyKey: 1 }, { unique: true });
// myBookings: one customer's, newest first.
customerBookingSchema.index({ customerUserId: 1, createdAt: -1, _id: -1 });
// The sync worker's sweeps: requests still undecided, cancellations still asked for.
customerBookingSchema.index({ status: 1, createdAt: 1 });
customerBookingSchema.index({ cancelRequestedAt: 1 });

export type CustomerBookingModel = Model<CustomerBookingRecord>;

export function customerBookingModel(connection: Connection): CustomerBookingModel {
  return modelOn(connection, 'CustomerBooking', customerBookingSchema);
}
