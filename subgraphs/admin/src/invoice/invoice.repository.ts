import { InvoiceStatus, type InvoiceKind, type Prisma } from '@astrobookings/prisma';
import { byId, returning, type Db } from '../common/db';

const invoiceSelect = {
  id: true,
  number: true,
  kind: true,
  year: true,
  sequence: true,
  status: true,
  amount: true,
  currency: true,
  grossAmount: true,
  commissionPercent: true,
  commissionAmount: true,
  bookingId: true,
  creditedInvoiceId: true,
  launchId: true,
  customerUserId: true,
  supplierId: true,
  issuedAt: true,
  paidAt: true,
  voidedAt: true,
  voidReason: true,
  processedBy: true,
} satisfies Prisma.InvoiceSelect;

/** The same fields, for raw SQL. */
const invoiceColumns = returning(invoiceSelect);

export type InvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof invoiceSelect }>;

export type NewInvoice = Omit<
  Prisma.InvoiceUncheckedCreateInput,
  'id' | 'status' | 'paidAt' | 'voidedAt' | 'voidReason' | 'processedBy' | 'updatedAt'
>;

export interface InvoiceFilter {
  supplierId?: string;
  kind?: InvoiceKind;
  status?: InvoiceStatus;
}

export class InvoiceRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes the next `count` numbers of `kind` in `year` and answers the last. The
   * counter row stays locked until the transaction ends, so numbers are given in
   * order and without gaps.
   */
  async takeSequences(kind: InvoiceKind, year: number, count: number): Promise<number> {
    const [row] = await this.db.$queryRaw<{ last_number: number }[]>`
      INSERT INTO invoice_sequences (kind, year, last_number)
      VALUES (${kind}::"InvoiceKind", ${year}, ${count})
      ON CONFLICT (kind, year) DO UPDATE SET last_number = invoice_sequences.last_number + ${count}
      RETURNING last_number`;
    if (row === undefined) throw new Error('invoice sequence returned no row');
    return row.last_number;
  }

  createMany(data: readonly NewInvoice[]): Promise<InvoiceRow[]> {
    if (data.length === 0) return Promise.resolve([]);
    const column = <T>(value: (invoice: NewInvoice) => T | undefined): (T | null)[] =>
      data.map((invoice) => value(invoice) ?? null);
    // Raw SQL of a fixed shape: Prisma 7 compiles every createManyAndReturn afresh.
    return this.db.$queryRaw<InvoiceRow[]>`
      INSERT INTO invoices (number, kind, year, sequence, amount, currency, gross_amount,
                            commission_percent, commission_amount, booking_id, credited_invoice_id,
                            launch_id, customer_user_id, supplier_id, issued_at, updated_at)
      SELECT i.number, i.kind, i.year, i.sequence, i.amount, i.currency, i.gross_amount,
             i.commission_percent, i.commission_amount, i.booking_id, i.credited_invoice_id,
             i.launch_id, i.customer_user_id, i.supplier_id, coalesce(i.issued_at, now()), now()
        FROM unnest(
               ${column((invoice) => invoice.number)}::text[],
               ${column((invoice) => invoice.kind)}::"InvoiceKind"[],
               ${column((invoice) => invoice.year)}::int[],
               ${column((invoice) => invoice.sequence)}::int[],
               ${column((invoice) => invoice.amount)}::int[],
               ${column((invoice) => invoice.currency)}::text[],
               ${column((invoice) => invoice.grossAmount)}::int[],
               ${column((invoice) => invoice.commissionPercent)}::int[],
               ${column((invoice) => invoice.commissionAmount)}::int[],
               ${column((invoice) => invoice.bookingId)}::uuid[],
               ${column((invoice) => invoice.creditedInvoiceId)}::uuid[],
               ${column((invoice) => invoice.launchId)}::uuid[],
               ${column((invoice) => invoice.customerUserId)}::text[],
               ${column((invoice) => invoice.supplierId)}::uuid[],
               ${column((invoice) => invoice.issuedAt && new Date(invoice.issuedAt))}::timestamptz[]
             ) WITH ORDINALITY
             AS i(number, kind, year, sequence, amount, currency, gross_amount, commission_percent,
                  commission_amount, booking_id, credited_invoice_id, launch_id, customer_user_id,
                  supplier_id, issued_at, n)
       ORDER BY i.n
      RETURNING ${invoiceColumns}`;
  }

  findById(id: string): Promise<InvoiceRow | null> {
    return this.db.invoice.findUnique({ where: { id }, select: invoiceSelect });
  }

  findByBookingId(bookingId: string): Promise<InvoiceRow | null> {
    return this.db.invoice.findUnique({ where: { bookingId }, select: invoiceSelect });
  }

  /** The CUSTOMER invoice of each booking that has one. */
  async findByBookingIds(bookingIds: readonly string[]): Promise<Map<string, InvoiceRow>> {
    const rows = await this.db.invoice.findMany({
      where: { bookingId: { in: [...bookingIds] } },
      select: invoiceSelect,
    });
    return new Map(rows.map((row) => [row.bookingId ?? '', row]));
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, InvoiceRow>> {
    return byId(
      await this.db.invoice.findMany({ where: { id: { in: [...ids] } }, select: invoiceSelect }),
    );
  }

  /** Newest first. */
  list(filter: InvoiceFilter): Promise<InvoiceRow[]> {
    return this.db.invoice.findMany({
      where: filter,
      select: invoiceSelect,
      orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    });
  }

  /** Settles an ISSUED invoice; null when it is no longer ISSUED (someone was quicker). */
  async settle(
    id: string,
    outcome:
      | { status: typeof InvoiceStatus.PAID; at: Date; by: string }
      | { status: typeof InvoiceStatus.VOID; at: Date; by: string; reason: string },
  ): Promise<InvoiceRow | null> {
    const { count } = await this.db.invoice.updateMany({
      where: { id, status: InvoiceStatus.ISSUED },
      data:
        outcome.status === InvoiceStatus.PAID
          ? { status: outcome.status, paidAt: outcome.at, processedBy: outcome.by }
          : {
              status: outcome.status,
              voidedAt: outcome.at,
              voidReason: outcome.reason,
              processedBy: outcome.by,
            },
    });
    return count === 1 ? this.findById(id) : null;
  }
}
