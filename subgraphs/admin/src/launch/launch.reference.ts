import type { GraphQLContext } from '@astrobookings/shared';
import type { Callers } from '../common/caller';
import type { Loaders } from '../common/loaders';
import type { LaunchRow } from './launch.repository';

/** Launches referenced from other subgraphs (any signed-in user may see one), one query a request. */
export async function resolveLaunchReference(
  callers: Callers,
  loaders: Loaders,
  reference: { id: string },
  context: GraphQLContext,
): Promise<LaunchRow | undefined> {
  await callers.of(context);
  return loaders.launches(context).load(reference.id);
}
