import {
  ChangeDetectionStrategy,
  Component,
  effect,
  type ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';

/**
 * A modal question before something that can't be undone. The browser's own
 * dialog keeps focus inside and closes on Escape; focus returns where it was.
 */
@Component({
  selector: 'ui-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      [attr.aria-labelledby]="titleId"
      (close)="onClose()"
      (cancel)="onCancel($event)"
    >
      <form method="dialog" class="form" (submit)="$event.preventDefault(); confirmed.emit()">
        <h2 [id]="titleId">{{ heading() }}</h2>
        <div class="body"><ng-content /></div>
        <div class="row actions">
          <button type="button" class="btn" (click)="cancelled.emit()" [disabled]="busy()">
            {{ cancelLabel() }}
          </button>
          <button
            type="submit"
            class="btn"
            [class.btn-danger]="tone() === 'danger'"
            [class.btn-primary]="tone() === 'primary'"
            [disabled]="busy() || confirmDisabled()"
          >
            {{ busy() ? 'Working…' : confirmLabel() }}
          </button>
        </div>
      </form>
    </dialog>
  `,
  styles: `
    dialog {
      border: none;
      border-radius: var(--radius);
      padding: 1.5rem;
      width: min(480px, calc(100vw - 2rem));
      box-shadow: 0 20px 50px rgb(15 23 42 / 30%);
      color: var(--ink);
    }
    dialog::backdrop {
      background: rgb(11 16 38 / 55%);
    }
    .actions {
      justify-content: flex-end;
    }
  `,
})
export class ConfirmDialogComponent {
  private static nextId = 0;
  protected readonly titleId = `confirm-title-${ConfirmDialogComponent.nextId++}`;
  readonly open = input(false);
  readonly heading = input.required<string>();
  readonly confirmLabel = input('Confirm');
  readonly cancelLabel = input('Keep it');
  readonly tone = input<'danger' | 'primary'>('danger');
  readonly busy = input(false);
  readonly confirmDisabled = input(false);
  readonly confirmed = output();
  readonly cancelled = output();
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      if (this.open() && !dialog.open) dialog.showModal?.();
      if (!this.open() && dialog.open) dialog.close();
    });
  }

  protected onCancel(event: Event): void {
    // Escape: the parent decides (it may be busy), the dialog follows `open`.
    event.preventDefault();
    if (!this.busy()) this.cancelled.emit();
  }

  protected onClose(): void {
    if (this.open()) this.cancelled.emit();
  }
}
