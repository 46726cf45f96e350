import {
  isDuplicateKeyError,
  type CustomerInvoiceModel,
  type CustomerInvoiceRecord,
  type InvoiceStatusValue,
} from '@astrobookings/shared';

/** A CUSTOMER invoice as PostgreSQL has it. */
export interface InvoiceState {
  id: string;
  customerUserId: string;
  number: string;
  amount: number;
  currency: string;
  status: InvoiceStatusValue;
  bookingId: string | null;
  creditedInvoiceId: string | null;
  issuedAt: Date;
  paidAt: Date | null;
  voidedAt: Date | null;
}

type InvoiceFields = Omit<CustomerInvoiceRecord, '_id' | 'version' | 'syncedAt'>;

function fieldsOf(state: InvoiceState): InvoiceFields {
  return {
    customerUserId: state.customerUserId,
    number: state.number,
    amount: state.amount,
    currency: state.currency,
    status: state.status,
    bookingId: state.bookingId,
    creditedInvoiceId: state.creditedInvoiceId,
    issuedAt: state.issuedAt,
    paidAt: state.paidAt,
    voidedAt: state.voidedAt,
  };
}

export function invoiceDrift(
  copy: CustomerInvoiceRecord | undefined,
  state: InvoiceState,
): boolean {
  if (copy === undefined) return true;
  const want = fieldsOf(state);
  return (Object.keys(want) as (keyof InvoiceFields)[]).some(
    (key) => JSON.stringify(copy[key]) !== JSON.stringify(want[key]),
  );
}

/** Customers' invoices in the customer store, applied in outbox order like launches. */
export class InvoiceCopies {
  constructor(private readonly invoices: CustomerInvoiceModel) {}

  async ensureIndexes(): Promise<void> {
    await this.invoices.createIndexes();
  }

  async apply(state: InvoiceState, version: number, now: Date): Promise<boolean> {
    try {
      const result = await this.invoices
        .updateOne(
          { _id: state.id, version: { $lt: version } },
          { $set: { ...fieldsOf(state), version, syncedAt: now } },
          { upsert: true },
        )
        .exec();
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, CustomerInvoiceRecord>> {
    const records = await this.invoices
      .find({ _id: { $in: [...ids] } })
      .lean<CustomerInvoiceRecord[]>()
      .exec();
    return new Map(records.map((record) => [record._id, record]));
  }

  async repair(
    state: InvoiceState,
    seen: CustomerInvoiceRecord | undefined,
    now: Date,
  ): Promise<boolean> {
    if (seen === undefined) return this.apply(state, 0, now);
    const result = await this.invoices
      .updateOne(
        { _id: state.id, syncedAt: seen.syncedAt },
        { $set: { ...fieldsOf(state), syncedAt: now } },
      )
      .exec();
    return result.modifiedCount > 0;
  }
}
