import type { User } from './user.type';

/** A user from another subgraph: only its id is known here; `supplier` resolves from it. */
export function resolveUserReference(reference: { id: string }): User {
  return { id: reference.id };
}
