import { requestLoader, type GraphQLContext } from '@astrobookings/shared';
import type { CustomerInvoiceRepository, InvoiceView } from './invoice.repository';

/** Invoices referenced from other subgraphs: only a customer's own are served here. */
export async function resolveInvoiceReference(
  invoices: CustomerInvoiceRepository,
  reference: { id: string },
  context: GraphQLContext,
): Promise<InvoiceView | null> {
  const caller = await context.auth.require();
  const invoice = await requestLoader(context, 'customer-invoices', (ids) =>
    invoices.findByIds(ids),
  ).load(reference.id);
  return invoice !== undefined && invoice.customerUserId === caller.userId ? invoice : null;
}
