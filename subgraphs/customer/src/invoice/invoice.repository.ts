import type { CustomerInvoiceModel, CustomerInvoiceRecord } from '@astrobookings/shared';

export interface InvoiceView {
  id: string;
  customerUserId: string;
  number: string;
  amount: number;
  currency: string;
  status: CustomerInvoiceRecord['status'];
  issuedAt: Date;
}

const VIEW = {
  customerUserId: 1,
  number: 1,
  amount: 1,
  currency: 1,
  status: 1,
  issuedAt: 1,
} as const;

type ViewFields = Pick<CustomerInvoiceRecord, '_id' | keyof typeof VIEW>;

function toView(record: ViewFields): InvoiceView {
  return {
    id: record._id,
    customerUserId: record.customerUserId,
    number: record.number,
    amount: record.amount,
    currency: record.currency,
    status: record.status,
    issuedAt: record.issuedAt,
  };
}

/** Customers' invoices in the read model. */
export class CustomerInvoiceRepository {
  constructor(private readonly invoices: CustomerInvoiceModel) {}

  async ensureIndexes(): Promise<void> {
    await this.invoices.createIndexes();
  }

  /** A customer's invoices and credit notes, newest first. */
  async listByCustomer(customerUserId: string, limit: number): Promise<InvoiceView[]> {
    const records = await this.invoices
      .find({ customerUserId }, VIEW)
      .sort({ issuedAt: -1, _id: -1 })
      .limit(limit)
      .lean<ViewFields[]>()
      .exec();
    return records.map(toView);
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, InvoiceView>> {
    const records = await this.invoices
      .find({ _id: { $in: [...ids] } }, VIEW)
      .lean<ViewFields[]>()
      .exec();
    return new Map(records.map((record) => [record._id, toView(record)]));
  }
}
