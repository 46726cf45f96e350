import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Seats sold of a launch's capacity, as a bar and in words. */
@Component({
  selector: 'ui-occupancy',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="occupancy">
      <meter [value]="sold()" min="0" [max]="capacity() || 1" [attr.aria-label]="words()"></meter>
      <span class="words">{{ words() }}</span>
    </div>
  `,
  styles: `
    .occupancy {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-width: 11rem;
    }
    meter {
      flex: 1;
      height: 0.6rem;
      min-width: 4rem;
      appearance: none;
      border-radius: 999px;
      background: #e5e9f2;
      overflow: hidden;
    }
    meter::-webkit-meter-bar {
      background: #e5e9f2;
      border: none;
      border-radius: 999px;
      height: 0.6rem;
    }
    meter::-webkit-meter-optimum-value,
    meter::-webkit-meter-suboptimum-value,
    meter::-webkit-meter-even-less-good-value {
      background: var(--primary);
      border-radius: 999px;
    }
    meter::-moz-meter-bar {
      background: var(--primary);
      border-radius: 999px;
    }
    .words {
      font-size: 0.88rem;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class OccupancyComponent {
  readonly sold = input.required<number>();
  readonly capacity = input.required<number>();
  protected readonly words = computed(() => {
    const capacity = this.capacity();
    const percent = capacity > 0 ? Math.round((this.sold() / capacity) * 100) : 0;
    return `${this.sold()} of ${capacity} seats (${percent}%)`;
  });
}
