import { Role, type GraphQLContext } from '@astrobookings/shared';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { BookingRow } from '../booking/booking.repository';
import { Booking } from '../booking/booking.type';
import type { Callers } from '../common/caller';
import { InvoiceKind, InvoiceStatus } from '../common/enums';
import { required, type Loaders } from '../common/loaders';
import type { LaunchRow } from '../launch/launch.repository';
import { Launch } from '../launch/launch.type';
import type { SupplierRow } from '../supplier/supplier.repository';
import { Supplier } from '../supplier/supplier.type';
import { User } from '../user/user.type';
import type { InvoiceRow } from './invoice.repository';
import type { InvoiceService } from './invoice.service';
import { Invoice } from './invoice.type';

@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(
    private readonly callers: Callers,
    private readonly invoicesService: InvoiceService,
    private readonly loaders: Loaders,
  ) {}

  @Authorized(Role.EMPLOYEE, Role.SUPPLIER)
  @Query(() => [Invoice], {
    description: 'Invoices, newest first: employees see all, a supplier its own SUPPLIER invoices',
  })
  async invoices(
    @Arg('kind', () => InvoiceKind, { nullable: true, description: 'Only of this kind' })
    kind: InvoiceKind | undefined,
    @Arg('status', () => InvoiceStatus, { nullable: true, description: 'Only in this status' })
    status: InvoiceStatus | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<InvoiceRow[]> {
    const caller = await this.callers.of(context, Role.EMPLOYEE, Role.SUPPLIER);
    return this.invoicesService.list(caller, {
      kind: kind ?? undefined,
      status: status ?? undefined,
    });
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => Invoice, { description: 'Mark an ISSUED invoice PAID (employees)' })
  async markInvoicePaid(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<InvoiceRow> {
    return this.invoicesService.markPaid(await this.callers.of(context, Role.EMPLOYEE), id);
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => Invoice, { description: 'Mark an ISSUED invoice VOID (employees)' })
  async markInvoiceVoid(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why it no longer stands' }) reason: string,
    @Ctx() context: GraphQLContext,
  ): Promise<InvoiceRow> {
    return this.invoicesService.markVoid(await this.callers.of(context, Role.EMPLOYEE), id, reason);
  }

  @FieldResolver(() => Booking, { nullable: true, description: 'CUSTOMER: the booking billed' })
  async booking(
    @Root() invoice: InvoiceRow,
    @Ctx() context: GraphQLContext,
  ): Promise<BookingRow | null> {
    if (invoice.bookingId === null) return null;
    return required(await this.loaders.bookings(context).load(invoice.bookingId), 'booking');
  }

  @FieldResolver(() => Invoice, {
    nullable: true,
    description: 'A credit note: the invoice whose refund it records',
  })
  async creditedInvoice(
    @Root() invoice: InvoiceRow,
    @Ctx() context: GraphQLContext,
  ): Promise<InvoiceRow | null> {
    if (invoice.creditedInvoiceId === null) return null;
    return required(
      await this.loaders.invoices(context).load(invoice.creditedInvoiceId),
      'credited invoice',
    );
  }

  @FieldResolver(() => Launch, { nullable: true, description: 'SUPPLIER: the launch billed' })
  async launch(
    @Root() invoice: InvoiceRow,
    @Ctx() context: GraphQLContext,
  ): Promise<LaunchRow | null> {
    if (invoice.launchId === null) return null;
    return required(await this.loaders.launches(context).load(invoice.launchId), 'launch');
  }

  @FieldResolver(() => Supplier, { nullable: true, description: 'SUPPLIER: who is paid' })
  async supplier(
    @Root() invoice: InvoiceRow,
    @Ctx() context: GraphQLContext,
  ): Promise<SupplierRow | null> {
    if (invoice.supplierId === null) return null;
    return required(await this.loaders.suppliers(context).load(invoice.supplierId), 'supplier');
  }

  @FieldResolver(() => User, { nullable: true, description: 'CUSTOMER: who is billed' })
  customer(@Root() invoice: InvoiceRow): User | null {
    return invoice.customerUserId === null ? null : { id: invoice.customerUserId };
  }
}
