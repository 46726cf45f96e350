import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

/** Previous and next through a cursor-paged list, with where the reader is in it. */
@Component({
  selector: 'ui-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="pager" aria-label="Pages">
      <span class="where" aria-live="polite">{{ summary() }}</span>
      <button
        type="button"
        class="btn btn-small"
        [disabled]="page() <= 1"
        (click)="previous.emit()"
      >
        ← Previous
      </button>
      <button type="button" class="btn btn-small" [disabled]="!hasNext()" (click)="next.emit()">
        Next →
      </button>
    </nav>
  `,
  styles: `
    .pager {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      justify-content: flex-end;
      flex-wrap: wrap;
      margin-top: 0.75rem;
    }
    .where {
      color: var(--muted);
      margin-right: auto;
      font-size: 0.92rem;
    }
  `,
})
export class PagerComponent {
  /** 1-based. */
  readonly page = input(1);
  readonly pageSize = input.required<number>();
  readonly shown = input.required<number>();
  readonly totalCount = input.required<number>();
  readonly hasNext = input(false);
  readonly next = output();
  readonly previous = output();

  protected readonly summary = computed(() => {
    const total = this.totalCount();
    if (total === 0) return 'No results';
    const first = (this.page() - 1) * this.pageSize() + 1;
    const last = first + this.shown() - 1;
    return `${first}–${last} of ${total}`;
  });
}
