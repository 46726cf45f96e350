import { Role, type GraphQLContext } from '@astrobookings/shared';
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { customerOf } from '../common/customer';
import type { CustomerInvoiceRepository, InvoiceView } from './invoice.repository';
import { Invoice } from './invoice.type';

/** More than any customer has; the contract's myInvoices is one list. */
const MAX_LISTED = 500;

@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(private readonly invoices: CustomerInvoiceRepository) {}

  @Authorized(Role.CUSTOMER)
  @Query(() => [Invoice], { description: 'Your invoices and credit notes, newest first' })
  async myInvoices(@Ctx() context: GraphQLContext): Promise<InvoiceView[]> {
    const caller = await customerOf(context);
    return this.invoices.listByCustomer(caller.userId, MAX_LISTED);
  }
}
