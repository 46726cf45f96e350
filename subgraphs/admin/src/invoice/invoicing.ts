import { InvoiceKind, InvoiceStatus, OutboxEventType } from '@astrobookings/prisma';
import type { BookingRow } from '../booking/booking.repository';
import type { Caller } from '../common/caller';
import type { Clock } from '../common/clock';
import { invoiceSnapshot } from '../common/snapshots';
import type { Repositories } from '../common/unit-of-work';
import type { LaunchRow } from '../launch/launch.repository';
import type { InvoiceRow, NewInvoice } from './invoice.repository';

const NUMBER_PREFIX: Record<InvoiceKind, string> = {
  [InvoiceKind.CUSTOMER]: 'C',
  [InvoiceKind.SUPPLIER]: 'S',
};

/** E.g. C-2030-000042: kind, year of issue, then the sequence of that kind and year. */
export function invoiceNumber(kind: InvoiceKind, year: number, sequence: number): string {
  return `${NUMBER_PREFIX[kind]}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The invoices that follow bookings and launches, written inside the transaction
 * of the change that causes them (with its audit row and outbox event).
 */
export class Invoicing {
  constructor(
    private readonly commissionPercent: number,
    private readonly clock: Clock,
  ) {}

  /** The customers' invoices for confirmed bookings, each recorded as its customer's. */
  issueForBookings(
    repos: Repositories,
    confirmed: readonly { caller: Caller; booking: BookingRow }[],
  ): Promise<InvoiceRow[]> {
    return this.issue(
      repos,
      InvoiceKind.CUSTOMER,
      confirmed.map(({ caller, booking }) => ({
        caller,
        invoice: {
          amount: booking.totalPrice,
          currency: booking.currency,
          bookingId: booking.id,
          customerUserId: booking.customerUserId,
        },
      })),
    );
  }

  /**
   * The customer's invoice after a cancellation refunds `booking.refundAmount`: an
   * unpaid invoice refunded in full is voided; otherwise a credit note (a CUSTOMER
   * invoice of the negative refund) records the money owed back.
   */
  async followCancellation(
    repos: Repositories,
    caller: Caller,
    booking: BookingRow,
    reason: string,
  ): Promise<void> {
    const refund = booking.refundAmount ?? 0;
    const invoice = await repos.invoices.findByBookingId(booking.id);
    if (invoice === null || refund === 0 || invoice.status === InvoiceStatus.VOID) return;
    if (invoice.status === InvoiceStatus.ISSUED && refund === invoice.amount) {
      const voided = await repos.invoices.settle(invoice.id, {
        status: InvoiceStatus.VOID,
        at: this.clock(),
        by: caller.userId,
        reason: `Booking cancelled: ${reason}`,
      });
      if (voided === null) throw new Error(`invoice ${invoice.id} changed under a locked booking`);
      await repos.changes.record(caller.auditActor, {
        event: OutboxEventType.InvoiceVoided,
        entityType: 'invoice',
        entityId: invoice.id,
        before: invoiceSnapshot(invoice),
        after: invoiceSnapshot(voided),
        payload: { invoice: invoiceSnapshot(voided) },
      });
      return;
    }
    await this.issue(repos, InvoiceKind.CUSTOMER, [
      {
        caller,
        invoice: {
          amount: -refund,
          currency: invoice.currency,
          creditedInvoiceId: invoice.id,
          customerUserId: booking.customerUserId,
        },
      },
    ]);
  }

  /** The supplier's invoice for a SUCCESSFUL launch: what its bookings paid, less commission. */
  async issueForLaunch(
    repos: Repositories,
    caller: Caller,
    launch: LaunchRow,
  ): Promise<InvoiceRow> {
    const gross = await repos.bookings.confirmedRevenue(launch.id);
    const commission = Math.round((gross * this.commissionPercent) / 100);
    const [invoice] = await this.issue(repos, InvoiceKind.SUPPLIER, [
      {
        caller,
        invoice: {
          amount: gross - commission,
          currency: launch.currency,
          grossAmount: gross,
          commissionPercent: this.commissionPercent,
          commissionAmount: commission,
          launchId: launch.id,
          supplierId: launch.supplierId,
        },
      },
    ]);
    return invoice;
  }

  /** Invoices of one kind, numbered in the order given, with their audit rows and outbox events. */
  private async issue(
    repos: Repositories,
    kind: InvoiceKind,
    items: readonly {
      caller: Caller;
      invoice: Omit<NewInvoice, 'kind' | 'number' | 'year' | 'sequence' | 'issuedAt'>;
    }[],
  ): Promise<InvoiceRow[]> {
    if (items.length === 0) return [];
    const issuedAt = this.clock();
    const year = issuedAt.getUTCFullYear();
    const first = (await repos.invoices.takeSequences(kind, year, items.length)) - items.length + 1;
    const numbered = items.map((item, index) => ({
      caller: item.caller,
      number: invoiceNumber(kind, year, first + index),
    }));
    const created = await repos.invoices.createMany(
      items.map((item, index) => ({
        ...item.invoice,
        kind,
        number: numbered[index].number,
        year,
        sequence: first + index,
        issuedAt,
      })),
    );
    const byNumber = new Map(created.map((invoice) => [invoice.number, invoice]));
    const invoices = numbered.map(({ number }) => {
      const invoice = byNumber.get(number);
      if (invoice === undefined) throw new Error(`invoice ${number} was not returned`);
      return invoice;
    });
    await repos.changes.recordAll(
      invoices.map((invoice, index) => ({
        actor: numbered[index].caller.auditActor,
        change: {
          event: OutboxEventType.InvoiceIssued,
          entityType: 'invoice',
          entityId: invoice.id,
          after: invoiceSnapshot(invoice),
          payload: { invoice: invoiceSnapshot(invoice) },
        },
      })),
    );
    return invoices;
  }
}
