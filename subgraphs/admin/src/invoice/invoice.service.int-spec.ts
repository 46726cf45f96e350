import { InvoiceKind, InvoiceStatus, OutboxEventType } from '@astrobookings/prisma';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '@astrobookings/shared';
import { randomUUID } from 'node:crypto';
import { AdminKit, type TestSupplier } from '../../../../test/support/admin-kit';
import { invoiceNumber } from './invoicing';

describe('InvoiceService (PostgreSQL)', () => {
  let kit: AdminKit;
  let supplier: TestSupplier;

  beforeAll(async () => {
    kit = await AdminKit.start();
    supplier = await kit.supplier();
  });

  afterAll(() => kit.stop());

  async function customerInvoice() {
    const booking = await kit.book(await kit.customer(), await kit.launch(supplier), 1);
    return kit.prisma.invoice.findUniqueOrThrow({ where: { bookingId: booking.id } });
  }

  it('numbers invoices per kind and year, in order and without gaps, however many are issued at once', async () => {
    const launchId = await kit.launch(supplier, { capacity: 40 });
    const customers = await Promise.all(Array.from({ length: 25 }, () => kit.customer()));

    await Promise.all(customers.map((customer) => kit.book(customer, launchId, 1)));

    const year = new Date().getUTCFullYear();
    const invoices = await kit.prisma.invoice.findMany({
      where: { kind: InvoiceKind.CUSTOMER, year },
      orderBy: { sequence: 'asc' },
    });
    expect(invoices.map((invoice) => invoice.sequence)).toEqual(
      invoices.map((_invoice, index) => index + 1),
    );
    expect(invoices.map((invoice) => invoice.number)).toEqual(
      invoices.map((invoice) => invoiceNumber(InvoiceKind.CUSTOMER, year, invoice.sequence)),
    );
    expect(invoices.length).toBeGreaterThanOrEqual(25);
    expect(invoiceNumber(InvoiceKind.SUPPLIER, 2031, 42)).toBe('S-2031-000042');
  });

  it('refuses a duplicate invoice number in the database itself', async () => {
    const invoice = await customerInvoice();
    await expect(
      kit.prisma.invoice.create({
        data: {
          number: invoice.number,
          kind: InvoiceKind.CUSTOMER,
          year: invoice.year,
          sequence: invoice.sequence + 10_000,
          amount: 1,
          currency: 'USD',
          customerUserId: 'someone',
          bookingId: (await kit.book(await kit.customer(), await kit.launch(supplier), 1)).id,
        },
      }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it('lets an employee mark an issued invoice paid once, recording who and when', async () => {
    const invoice = await customerInvoice();
    const employee = await kit.employee();

    const paid = await kit.services.invoices.markPaid(employee.caller, invoice.id);

    expect(paid).toMatchObject({ status: InvoiceStatus.PAID, processedBy: employee.userId });
    expect(paid.paidAt).toBeInstanceOf(Date);
    await expect(kit.services.invoices.markPaid(employee.caller, invoice.id)).rejects.toThrow(
      ConflictError,
    );
    await expect(
      kit.services.invoices.markVoid(employee.caller, invoice.id, 'Too late'),
    ).rejects.toThrow(ConflictError);
    const { outbox, audit } = await kit.journal();
    expect(outbox).toContainEqual(
      expect.objectContaining({ eventType: OutboxEventType.InvoicePaid, aggregateId: invoice.id }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'invoice.paid',
        entityId: invoice.id,
        actorUserId: employee.userId,
      }),
    );
  });

  it('lets an employee void an issued invoice with a reason', async () => {
    const invoice = await customerInvoice();
    const employee = await kit.employee();
    await expect(kit.services.invoices.markVoid(employee.caller, invoice.id, '')).rejects.toThrow(
      BadUserInputError,
    );

    const voided = await kit.services.invoices.markVoid(employee.caller, invoice.id, 'Comped');

    expect(voided).toMatchObject({ status: InvoiceStatus.VOID, voidReason: 'Comped' });
    await expect(kit.services.invoices.markPaid(employee.caller, invoice.id)).rejects.toThrow(
      ConflictError,
    );
    await expect(kit.services.invoices.markPaid(employee.caller, randomUUID())).rejects.toThrow(
      NotFoundError,
    );
  });

  it('shows a supplier only its own SUPPLIER invoices, and employees all', async () => {
    const own = await kit.supplier();
    const launchId = await kit.launch(own);
    await kit.book(await kit.customer(), launchId, 2);
    const employee = await kit.employee();
    for (const status of ['LAUNCHED', 'SUCCESSFUL'] as const) {
      await kit.services.launches.changeStatus(employee.caller, launchId, status, undefined);
    }

    const mine = await kit.services.invoices.list(own.caller, {});
    const theirs = await kit.services.invoices.list(supplier.caller, {});
    const all = await kit.services.invoices.list(employee.caller, {});

    expect(mine).toEqual([expect.objectContaining({ kind: InvoiceKind.SUPPLIER, launchId })]);
    expect(theirs.every((invoice) => invoice.supplierId === supplier.supplierId)).toBe(true);
    expect(all.length).toBeGreaterThan(mine.length);
    expect(await kit.services.invoices.list(own.caller, { kind: InvoiceKind.CUSTOMER })).toEqual(
      [],
    );
    await expect(kit.services.invoices.list((await kit.customer()).caller, {})).rejects.toThrow(
      ForbiddenError,
    );
  });
});
