import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../stores/mongo-models';
import { INVOICE_STATUSES, type InvoiceStatusValue } from './statuses';

/**
 * A customer's invoice (or credit note, with a negative amount) in the customer
 * store's `invoices`: a copy of PostgreSQL's CUSTOMER invoice kept by the sync worker.
 */
export interface CustomerInvoiceRecord {
  /** PostgreSQL's invoice id. */
  _id: string;
  customerUserId: string;
  number: string;
  amount: number;
  currency: string;
  status: InvoiceStatusValue;
  bookingId: string | null;
  /** A credit note's original invoice. */
  creditedInvoiceId: string | null;
  issuedAt: Date;
  paidAt: Date | null;
  voidedAt: Date | null;
  /** The id of the last outbox event applied. */
  version: number;
  syncedAt: Date;
}

export const CUSTOMER_INVOICES_COLLECTION = 'invoices';

const customerInvoiceSchema = new Schema<CustomerInvoiceRecord>(
  {
    _id: { type: String, required: true },
    customerUserId: { type: String, required: true },
    number: { type: String, required: true },
    amount: { type: Number, required: true },
    currency: { type: String, required: true },
    status: { type: String, enum: INVOICE_STATUSES, required: true },
    bookingId: { type: String, default: null },
    creditedInvoiceId: { type: String, default: null },
    issuedAt: { type: Date, required: true },
    paidAt: { type: Date, default: null },
    voidedAt: { type: Date, default: null },
    version: { type: Number, required: true },
    syncedAt: { type: Date, required: true },
  },
  { collection: CUSTOMER_INVOICES_COLLECTION, versionKey: false, autoIndex: false },
);
// myInvoices: one customer's, newest first.
customerInvoiceSchema.index({ customerUserId: 1, issuedAt: -1, _id: -1 });

export type CustomerInvoiceModel = Model<CustomerInvoiceRecord>;

export function customerInvoiceModel(connection: Connection): CustomerInvoiceModel {
  return modelOn(connection, 'CustomerInvoice', customerInvoiceSchema);
}
