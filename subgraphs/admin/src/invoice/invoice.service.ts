import { InvoiceKind, InvoiceStatus, OutboxEventType } from '@astrobookings/prisma';
import { ConflictError, NotFoundError } from '@astrobookings/shared';
import type { Caller } from '../common/caller';
import type { Clock } from '../common/clock';
import { rowId } from '../common/ids';
import { invoiceSnapshot } from '../common/snapshots';
import { reasonText } from '../common/text';
import type { UnitOfWork } from '../common/unit-of-work';
import type { InvoiceFilter, InvoiceRow } from './invoice.repository';

/** Reading invoices and settling them; issuing them follows bookings and launches (Invoicing). */
export class InvoiceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Employees see every invoice; a supplier only the SUPPLIER invoices addressed to it. */
  async list(caller: Caller, filter: Omit<InvoiceFilter, 'supplierId'>): Promise<InvoiceRow[]> {
    if (caller.isEmployee) return await this.uow.read.invoices.list(filter);
    const supplierId = caller.ownSupplierId();
    if (filter.kind === InvoiceKind.CUSTOMER) return [];
    return await this.uow.read.invoices.list({ ...filter, kind: InvoiceKind.SUPPLIER, supplierId });
  }

  /** Employees, the supplier it is addressed to, and the customer it bills see an invoice. */
  canSee(caller: Caller, invoice: InvoiceRow): boolean {
    if (invoice.supplierId !== null && caller.canManage(invoice.supplierId)) return true;
    return caller.isEmployee || invoice.customerUserId === caller.userId;
  }

  async markPaid(caller: Caller, id: string): Promise<InvoiceRow> {
    return await this.settle(caller, id, { status: InvoiceStatus.PAID });
  }

  async markVoid(caller: Caller, id: string, reason: string): Promise<InvoiceRow> {
    return await this.settle(caller, id, {
      status: InvoiceStatus.VOID,
      reason: reasonText(reason),
    });
  }

  /** An employee settles an ISSUED invoice; a PAID or VOID one is a CONFLICT. */
  private async settle(
    caller: Caller,
    id: string,
    outcome:
      { status: typeof InvoiceStatus.PAID } | { status: typeof InvoiceStatus.VOID; reason: string },
  ): Promise<InvoiceRow> {
    const invoiceId = rowId(id, 'Invoice');
    return await this.uow.transaction(async (repos) => {
      const before = await repos.invoices.findById(invoiceId);
      if (before === null) throw new NotFoundError('Invoice');
      const after = await repos.invoices.settle(invoiceId, {
        ...outcome,
        at: this.clock(),
        by: caller.userId,
      });
      if (after === null) {
        throw new ConflictError(`The invoice is already ${before.status.toLowerCase()}`);
      }
      const paid = outcome.status === InvoiceStatus.PAID;
      await repos.changes.record(caller.auditActor, {
        event: paid ? OutboxEventType.InvoicePaid : OutboxEventType.InvoiceVoided,
        entityType: 'invoice',
        entityId: invoiceId,
        before: invoiceSnapshot(before),
        after: invoiceSnapshot(after),
        payload: { invoice: invoiceSnapshot(after) },
      });
      return after;
    });
  }
}
