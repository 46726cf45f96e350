import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export interface ChartPoint {
  /** ISO time. */
  t: string;
  v: number;
}

export interface ChartSeries {
  label: string;
  points: ChartPoint[];
}

const WIDTH = 600;
const HEIGHT = 180;
const PAD = { top: 12, right: 12, bottom: 24, left: 56 };
/** Distinct on white and for the common kinds of colour blindness, in order of use. */
const COLORS = [
  '#4338ca',
  '#0891b2',
  '#c2410c',
  '#15803d',
  '#a21caf',
  '#b45309',
  '#0f766e',
  '#be123c',
  '#475569',
];

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const scaled = value / power;
  const step = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return step * power;
}

/**
 * A small time-series chart in plain SVG (no chart library to download): one
 * line per series over a shared time axis, described in words for screen readers.
 */
@Component({
  selector: 'ui-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure>
      <figcaption>
        <span class="title">{{ heading() }}</span>
        @for (line of lines(); track line.label) {
          <span class="key"
            ><span class="swatch" [style.background]="line.color"></span>{{ line.label }}</span
          >
        }
      </figcaption>
      @if (lines().length === 0 || empty()) {
        <p class="muted none">No data in this period yet.</p>
      } @else {
        <svg
          [attr.viewBox]="'0 0 ' + width + ' ' + height"
          role="img"
          [attr.aria-label]="description()"
        >
          @for (tick of ticks(); track tick.y) {
            <line
              class="grid"
              [attr.x1]="pad.left"
              [attr.x2]="width - pad.right"
              [attr.y1]="tick.y"
              [attr.y2]="tick.y"
            />
            <text class="axis" [attr.x]="pad.left - 6" [attr.y]="tick.y + 4" text-anchor="end">
              {{ tick.label }}
            </text>
          }
          <text class="axis" [attr.x]="pad.left" [attr.y]="height - 6">{{ range().from }}</text>
          <text class="axis" [attr.x]="width - pad.right" [attr.y]="height - 6" text-anchor="end">
            {{ range().to }}
          </text>
          @for (line of lines(); track line.label) {
            <polyline [attr.points]="line.path" [attr.stroke]="line.color" />
          }
        </svg>
      }
    </figure>
  `,
  styles: `
    figure {
      margin: 0;
    }
    figcaption {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
    .title {
      font-weight: 600;
      margin-right: auto;
    }
    .key {
      font-size: 0.85rem;
      color: var(--muted);
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
    }
    .swatch {
      width: 0.75rem;
      height: 0.2rem;
      border-radius: 2px;
      display: inline-block;
    }
    svg {
      width: 100%;
      height: auto;
      display: block;
    }
    polyline {
      fill: none;
      stroke-width: 2;
      stroke-linejoin: round;
    }
    .grid {
      stroke: var(--border);
    }
    .axis {
      font-size: 11px;
      fill: var(--muted);
    }
    .none {
      padding: 2rem 0;
      text-align: center;
    }
  `,
})
export class LineChartComponent {
  readonly heading = input.required<string>();
  readonly series = input<ChartSeries[]>([]);
  /** How to write a value: "req/s", "%", "ms". */
  readonly unit = input('');
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly pad = PAD;

  private readonly bounds = computed(() => {
    const points = this.series().flatMap((s) => s.points);
    const times = points.map((p) => new Date(p.t).getTime()).filter((t) => !Number.isNaN(t));
    return {
      min: Math.min(...times),
      max: Math.max(...times),
      top: niceMax(Math.max(0, ...points.map((p) => p.v))),
    };
  });

  protected readonly empty = computed(() => this.series().every((s) => s.points.length === 0));

  protected readonly lines = computed(() => {
    const { min, max, top } = this.bounds();
    const span = Math.max(1, max - min);
    const plotW = WIDTH - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    return this.series().map((s, index) => ({
      label: s.label,
      color: COLORS[index % COLORS.length] ?? '#4338ca',
      path: s.points
        .map((p) => {
          const x = PAD.left + ((new Date(p.t).getTime() - min) / span) * plotW;
          const y = PAD.top + plotH - (p.v / top) * plotH;
          return `${x.toFixed(1)},${y.toFixed(1)}`;
        })
        .join(' '),
    }));
  });

  protected readonly ticks = computed(() => {
    const { top } = this.bounds();
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    return [0, 0.5, 1].map((f) => ({
      y: PAD.top + plotH - f * plotH,
      label: `${this.format(top * f)}${this.unit() ? ` ${this.unit()}` : ''}`,
    }));
  });

  protected readonly range = computed(() => {
    const { min, max } = this.bounds();
    const time = (t: number) =>
      Number.isFinite(t)
        ? new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
        : '';
    return { from: time(min), to: time(max) };
  });

  protected readonly description = computed(() => {
    const latest = this.series()
      .map((s) => {
        const last = s.points.at(-1);
        return last
          ? `${s.label} ${this.format(last.v)}${this.unit() ? ` ${this.unit()}` : ''}`
          : null;
      })
      .filter((text) => text !== null);
    return `${this.heading()}, latest: ${latest.join(', ')}`;
  });

  private format(value: number): string {
    if (value >= 10_000) return `${Math.round(value / 1000)}k`;
    return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  }
}
