import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A short message that something happened, announced politely to screen readers. */
@Component({
  selector: 'ui-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="status" aria-live="polite">
      @if (message()) {
        <div class="notice" [class]="'notice notice-' + tone()">{{ message() }}</div>
      }
    </div>
  `,
})
export class NoticeComponent {
  readonly message = input<string | null>(null);
  readonly tone = input<'success' | 'info' | 'warning'>('success');
}
