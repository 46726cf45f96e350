import DataLoader from 'dataloader';

const scopes = new WeakMap<object, Map<string, unknown>>();

/**
 * A value that lives as long as one request's context: DataLoaders that batch
 * entity references, per-request caches. Created on first use.
 */
export function requestScoped<T>(context: object, key: string, create: () => T): T {
  let scope = scopes.get(context);
  if (scope === undefined) {
    scope = new Map();
    scopes.set(context, scope);
  }
  if (!scope.has(key)) scope.set(key, create());
  return scope.get(key) as T;
}

/**
 * A per-request DataLoader that loads rows by id in one batch and answers
 * `undefined` for ids that don't exist.
 */
export function requestLoader<V>(
  context: object,
  key: string,
  loadMany: (ids: readonly string[]) => Promise<ReadonlyMap<string, V>>,
): DataLoader<string, V | undefined> {
  return requestScoped(
    context,
    key,
    () =>
      new DataLoader<string, V | undefined>(async (ids) => {
        const found = await loadMany(ids);
        return ids.map((id) => found.get(id));
      }),
  );
}
