import { ForbiddenError, type GraphQLContext } from '@astrobookings/shared';
import type { Callers } from '../common/caller';
import type { Loaders } from '../common/loaders';
import type { InvoiceRow } from './invoice.repository';
import type { InvoiceService } from './invoice.service';

/**
 * Invoices referenced from other subgraphs, one query a request: seen by employees,
 * the supplier paid and the customer billed.
 */
export async function resolveInvoiceReference(
  callers: Callers,
  loaders: Loaders,
  invoices: InvoiceService,
  reference: { id: string },
  context: GraphQLContext,
): Promise<InvoiceRow | undefined> {
  const caller = await callers.of(context);
  const invoice = await loaders.invoices(context).load(reference.id);
  if (invoice !== undefined && !invoices.canSee(caller, invoice)) throw new ForbiddenError();
  return invoice;
}
