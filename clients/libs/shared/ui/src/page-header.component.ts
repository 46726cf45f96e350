import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A page's title, what it is for, and its main actions. */
@Component({
  selector: 'ui-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="header">
      <div class="titles">
        <h1>{{ heading() }}</h1>
        @if (subheading()) {
          <p class="muted">{{ subheading() }}</p>
        }
      </div>
      <div class="actions"><ng-content /></div>
    </div>
  `,
  styles: `
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem 1.5rem;
      margin-bottom: 1.25rem;
    }
    .titles {
      flex: 1 1 280px;
    }
    .titles p {
      margin: 0;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
  `,
})
export class PageHeaderComponent {
  readonly heading = input.required<string>();
  readonly subheading = input<string | null>(null);
}
