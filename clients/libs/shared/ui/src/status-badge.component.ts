import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

const TONES: Record<string, Tone> = {
  CONFIRMED: 'success',
  PAID: 'success',
  SENT: 'success',
  SUCCESSFUL: 'success',
  UP: 'success',
  PENDING: 'warning',
  DELAYED: 'warning',
  QUEUED: 'warning',
  ISSUED: 'info',
  SCHEDULED: 'info',
  LAUNCHED: 'info',
  REJECTED: 'danger',
  CANCELLED: 'danger',
  FAILED: 'danger',
  ABORTED: 'danger',
  DOWN: 'danger',
  UNREACHABLE: 'danger',
  VOID: 'neutral',
  WAITING: 'warning',
  HOLDING: 'info',
  BOOKED: 'success',
  ERROR: 'danger',
  FATAL: 'danger',
  WARN: 'warning',
  INFO: 'info',
};

/** A status word in the colour of its meaning (and always in words, never colour alone). */
@Component({
  selector: 'ui-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge" [class]="'badge badge-' + tone()">{{ label() }}</span>`,
})
export class StatusBadgeComponent {
  readonly status = input.required<string>();
  protected readonly tone = computed<Tone>(() => TONES[this.status().toUpperCase()] ?? 'neutral');
  protected readonly label = computed(() => this.status().replace(/_/g, ' ').toLowerCase());
}
