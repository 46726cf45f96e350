import { requestLoader, type GraphQLContext } from '@astrobookings/shared';
import type { LaunchView, LaunchViewRepository } from './launch.repository';

/** The read model's launches of one request, loaded in one query (references and `launch` fields). */
export function launchLoader(launches: LaunchViewRepository, context: GraphQLContext) {
  return requestLoader<LaunchView>(context, 'launch-views', (ids) => launches.findByIds(ids));
}

/** Launches referenced from other subgraphs (any signed-in user may see one). */
export async function resolveLaunchReference(
  launches: LaunchViewRepository,
  reference: { id: string },
  context: GraphQLContext,
): Promise<LaunchView | undefined> {
  await context.auth.require();
  return launchLoader(launches, context).load(reference.id);
}
