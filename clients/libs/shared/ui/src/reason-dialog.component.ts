import { ChangeDetectionStrategy, Component, effect, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ConfirmDialogComponent } from './confirm-dialog.component';
import { ErrorBannerComponent } from './error-banner.component';

export interface ReasonDialogResult {
  reason: string;
  /** The `datetime-local` value, when the dialog asks for a time. */
  dateTime: string;
}

/**
 * A confirmation that needs the reason (told to customers, kept in the audit
 * log), and optionally a new time: cancelling, voiding, rescheduling.
 */
@Component({
  selector: 'ui-reason-dialog',
  imports: [FormsModule, ConfirmDialogComponent, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-confirm-dialog
      [open]="open()"
      [heading]="heading()"
      [confirmLabel]="confirmLabel()"
      [tone]="tone()"
      [busy]="busy()"
      [confirmDisabled]="!valid()"
      (confirmed)="confirmed.emit({ reason: reason().trim(), dateTime: dateTime() })"
      (cancelled)="cancelled.emit()"
    >
      <ng-content />
      @if (dateTimeLabel()) {
        <div class="field">
          <label [for]="id + '-time'">{{ dateTimeLabel() }}</label>
          <input
            [id]="id + '-time'"
            name="dateTime"
            type="datetime-local"
            required
            [ngModel]="dateTime()"
            (ngModelChange)="dateTime.set($event)"
          />
        </div>
      }
      <div class="field">
        <label [for]="id + '-reason'">{{ reasonLabel() }}</label>
        <textarea
          [id]="id + '-reason'"
          name="reason"
          required
          maxlength="500"
          [ngModel]="reason()"
          (ngModelChange)="reason.set($event)"
        ></textarea>
      </div>
      <ui-error [message]="error()" />
    </ui-confirm-dialog>
  `,
  styles: `
    .field {
      margin-top: 0.75rem;
    }
    ui-error {
      display: block;
      margin-top: 0.75rem;
    }
  `,
})
export class ReasonDialogComponent {
  private static nextId = 0;
  /** A page may hold several of these dialogs: each labels its own fields. */
  protected readonly id = `reason-dialog-${ReasonDialogComponent.nextId++}`;
  readonly open = input(false);
  readonly heading = input.required<string>();
  readonly confirmLabel = input('Confirm');
  readonly tone = input<'danger' | 'primary'>('danger');
  readonly reasonLabel = input('Reason');
  /** Set to ask for a time too (e.g. "New departure"). */
  readonly dateTimeLabel = input<string | null>(null);
  readonly initialDateTime = input('');
  readonly busy = input(false);
  readonly error = input<string | null | undefined>(null);
  readonly confirmed = output<ReasonDialogResult>();
  readonly cancelled = output();
  protected readonly reason = signal('');
  protected readonly dateTime = signal('');

  constructor() {
    // Every opening starts blank (or at the given time).
    effect(() => {
      if (this.open()) {
        this.reason.set('');
        this.dateTime.set(this.initialDateTime());
      }
    });
  }

  protected valid(): boolean {
    return this.reason().trim() !== '' && (!this.dateTimeLabel() || this.dateTime() !== '');
  }
}
