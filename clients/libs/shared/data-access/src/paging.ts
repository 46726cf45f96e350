import { computed, signal, type Signal } from '@angular/core';

/**
 * Forward-only cursors (`first`/`after`, as the contract pages) walked both
 * ways: the cursors of the pages already seen make "previous" possible.
 */
export class CursorPaging {
  private readonly seen = signal<(string | undefined)[]>([]);
  private readonly current = signal<string | undefined>(undefined);

  /**
   * The `after` argument for the page to show; on the first page it is left
   * out rather than sent as null, which some resolvers read as a cursor.
   */
  readonly after: Signal<string | undefined> = this.current.asReadonly();
  /** 1-based. */
  readonly page = computed(() => this.seen().length + 1);

  next(endCursor: string | null | undefined): void {
    if (!endCursor) return;
    this.seen.update((list) => [...list, this.current()]);
    this.current.set(endCursor);
  }

  previous(): void {
    const list = this.seen();
    if (list.length === 0) return;
    this.current.set(list.at(-1));
    this.seen.set(list.slice(0, -1));
  }

  reset(): void {
    this.seen.set([]);
    this.current.set(undefined);
  }
}
