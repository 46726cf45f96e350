/**
 * What the sync worker announces (Redis pub/sub) after it changed launches in
 * the customer store, so every Customer subgraph's in-memory catalog follows.
 * An announcement is a hint: the catalog reads the launch itself, and reloads
 * everything after a reconnect, when announcements may have been missed.
 */
export type CatalogChange =
  /** One launch's copy was written: read it again. */
  | { kind: 'launch'; id: string }
  /** A rocket was renamed: every launch of it shows the new name. */
  | { kind: 'rocket'; id: string; name: string }
  /** A spaceport was renamed or moved. */
  | { kind: 'spaceport'; id: string; name: string; location: string }
  /** Many copies changed at once (a bulk import): read the whole catalog again. */
  | { kind: 'reload' };

export function catalogChannel(keyPrefix: string): string {
  return `${keyPrefix}:catalog-changes`;
}

/**
 * Where each Customer subgraph announces that its catalog took changes in:
 * answers it gave before may be out of date (the gateway's response cache
 * drops them). The message carries nothing else.
 */
export function catalogAppliedChannel(keyPrefix: string): string {
  return `${keyPrefix}:catalog-applied`;
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

export function parseCatalogChange(message: string): CatalogChange | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(message) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  switch (parsed?.kind) {
    case 'launch':
      return text(parsed.id) ? { kind: 'launch', id: parsed.id } : undefined;
    case 'rocket':
      return text(parsed.id) && text(parsed.name)
        ? { kind: 'rocket', id: parsed.id, name: parsed.name }
        : undefined;
    case 'spaceport':
      return text(parsed.id) && text(parsed.name) && text(parsed.location)
        ? { kind: 'spaceport', id: parsed.id, name: parsed.name, location: parsed.location }
        : undefined;
    case 'reload':
      return { kind: 'reload' };
    default:
      return undefined;
  }
}
