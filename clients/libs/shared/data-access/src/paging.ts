import { computed, signal, type Signal } from '@angular/core';

/**
 * Forward-only cursors (`first`/`after`, as the contract pages) walked both
 * ways: the cursors of the pages already seen make "previous" possible.
 */
export class CursorPaging {
  private readonly seen = signal<(string | null)[]>([]);
  private readonly current = signal<string | null>(null);

  /** The `after` argument for the page to show. */
  readonly after: Signal<string | null> = this.current.asReadonly();
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
    this.current.set(list.at(-1) ?? null);
    this.seen.set(list.slice(0, -1));
  }

  reset(): void {
    this.seen.set([]);
    this.current.set(null);
  }
}
