import type { GraphQLContext } from '@astrobookings/shared';
import type { Callers } from '../common/caller';
import type { Loaders } from '../common/loaders';
import type { SupplierRow } from './supplier.repository';

/** Suppliers referenced from other subgraphs (any signed-in user), one query a request. */
export async function resolveSupplierReference(
  callers: Callers,
  loaders: Loaders,
  reference: { id: string },
  context: GraphQLContext,
): Promise<SupplierRow | undefined> {
  await callers.of(context);
  return loaders.suppliers(context).load(reference.id);
}
