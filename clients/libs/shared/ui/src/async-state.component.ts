import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ErrorBannerComponent } from './error-banner.component';

/** Anything that says what went wrong in words (an ApiError, or just the words). */
export type Problem = { message: string } | string | null | undefined;

export function problemText(problem: Problem): string | null {
  if (!problem) return null;
  return typeof problem === 'string' ? problem : problem.message;
}

/**
 * The states of a screen that loads data: loading (until the first data
 * arrives), what went wrong (with a way to try again), nothing there yet
 * (in words that say what would be here), then the content.
 */
@Component({
  selector: 'ui-async',
  imports: [ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error()) {
      <ui-error [message]="errorText()" [canRetry]="true" (retry)="retry.emit()" />
    }
    @if (loading() && !hasData()) {
      <div class="loading" role="status" aria-live="polite">
        <span class="spinner" aria-hidden="true"></span>
        {{ loadingText() }}
      </div>
    } @else if (hasData()) {
      @if (empty()) {
        <div class="empty card">
          <p class="title">{{ emptyTitle() }}</p>
          @if (emptyText()) {
            <p class="muted">{{ emptyText() }}</p>
          }
          <ng-content select="[empty-actions]" />
        </div>
      } @else {
        <ng-content />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .loading {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      color: var(--muted);
      padding: 2rem 0;
      justify-content: center;
    }
    .spinner {
      width: 1.2rem;
      height: 1.2rem;
      border-radius: 50%;
      border: 3px solid var(--border);
      border-top-color: var(--primary);
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    .empty {
      text-align: center;
      padding: 2.5rem 1rem;
    }
    .title {
      font-weight: 600;
      font-size: 1.05rem;
      margin-bottom: 0.25rem;
    }
    ui-error {
      margin-bottom: 1rem;
    }
  `,
})
export class AsyncStateComponent {
  readonly loading = input(false);
  readonly error = input<Problem>(null);
  /** Whether data has arrived (even an empty list). */
  readonly hasData = input(false);
  readonly empty = input(false);
  readonly loadingText = input('Loading…');
  readonly emptyTitle = input('Nothing here yet');
  readonly emptyText = input<string | null>(null);
  readonly retry = output();

  protected errorText(): string {
    return problemText(this.error()) ?? '';
  }
}
