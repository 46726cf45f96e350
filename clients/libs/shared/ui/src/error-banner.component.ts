import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** What went wrong, in words, announced to screen readers, with an optional retry. */
@Component({
  selector: 'ui-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message()) {
      <div class="error" role="alert">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <circle cx="12" cy="12" r="10" fill="currentColor" opacity="0.15" />
          <path
            d="M12 7v6M12 16.5v.5"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
          />
        </svg>
        <span class="text">{{ message() }}</span>
        @if (canRetry()) {
          <button type="button" class="btn btn-small" (click)="retry.emit()">Try again</button>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .error {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      padding: 0.75rem 1rem;
      border-radius: var(--radius);
      background: var(--danger-soft);
      color: var(--danger);
      border: 1px solid #f5c2c2;
    }
    svg {
      flex: none;
    }
    .text {
      flex: 1;
    }
  `,
})
export class ErrorBannerComponent {
  readonly message = input<string | null | undefined>(null);
  readonly canRetry = input(false);
  readonly retry = output();
}
