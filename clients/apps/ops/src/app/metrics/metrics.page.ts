import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  LineChartComponent,
  PageHeaderComponent,
  type ChartSeries,
} from '@web/shared/ui';
import { SystemMetricsDocument, type SystemMetricsQuery } from '../generated/graphql';

const REFRESH_MS = 15_000;
/** The most snapshots the API gives at once. */
const MAX_SNAPSHOTS = 2000;
const WINDOWS = [
  { label: 'Last 15 minutes', minutes: 15 },
  { label: 'Last hour', minutes: 60 },
  { label: 'Last 6 hours', minutes: 360 },
  { label: 'Last 24 hours', minutes: 1440 },
];

type Snapshot = SystemMetricsQuery['systemMetrics'][number];
type Measure = 'requestRate' | 'errorRate' | 'p95LatencyMs';

/** Request rate, errors, latency and queue depth over time: the system and each process. */
@Component({
  selector: 'app-metrics-page',
  imports: [FormsModule, AsyncStateComponent, LineChartComponent, PageHeaderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Metrics"
      subheading="Snapshots the monitoring service takes every few seconds."
    >
      <div class="field">
        <label for="window" class="sr-only">Period</label>
        <select
          id="window"
          name="window"
          [ngModel]="minutes()"
          (ngModelChange)="minutes.set($event)"
        >
          @for (w of windows; track w.minutes) {
            <option [ngValue]="w.minutes">{{ w.label }}</option>
          }
        </select>
      </div>
    </ui-page-header>
    <ui-async
      [loading]="metrics.loading()"
      [error]="metrics.error()"
      [hasData]="!!metrics.data()"
      [empty]="snapshots().length === 0"
      emptyTitle="No metrics in this period"
      emptyText="Snapshots appear once the monitoring service has run for a moment."
      (retry)="metrics.reload()"
    >
      @if (latest(); as now) {
        <div class="grid stats">
          <div class="card stat">
            <span class="stat-label">Requests</span>
            <span class="stat-value">{{ fixed(now.requestRate) }}/s</span>
          </div>
          <div class="card stat">
            <span class="stat-label">Failing</span>
            <span class="stat-value">{{ fixed(now.errorRatio * 100) }}%</span>
          </div>
          <div class="card stat">
            <span class="stat-label">p95 latency</span>
            <span class="stat-value">{{
              now.p95LatencyMs === null ? '—' : fixed(now.p95LatencyMs) + ' ms'
            }}</span>
          </div>
          <div class="card stat">
            <span class="stat-label">Jobs waiting</span>
            <span class="stat-value">{{ now.queueDepth }}</span>
          </div>
        </div>
      }
      <div class="charts">
        <section class="card">
          <ui-line-chart heading="Requests per second" [series]="perService('requestRate')" />
        </section>
        <section class="card">
          <ui-line-chart heading="Errors per second" [series]="perService('errorRate')" />
        </section>
        <section class="card">
          <ui-line-chart heading="p95 latency" unit="ms" [series]="perService('p95LatencyMs')" />
        </section>
        <section class="card">
          <ui-line-chart heading="Jobs waiting in queues" [series]="queueDepth()" />
        </section>
      </div>
    </ui-async>
  `,
  styles: `
    .stats {
      grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
      margin-bottom: 1rem;
    }
    .charts {
      display: grid;
      gap: 1rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
    }
  `,
})
export class MetricsPage {
  protected readonly windows = WINDOWS;
  protected readonly minutes = signal(60);
  protected readonly metrics = injectQuery(
    SystemMetricsDocument,
    () => ({
      since: new Date(Date.now() - this.minutes() * 60_000).toISOString(),
      last: MAX_SNAPSHOTS,
    }),
    { pollInterval: REFRESH_MS },
  );
  protected readonly snapshots = computed<Snapshot[]>(
    () => this.metrics.data()?.systemMetrics ?? [],
  );
  protected readonly latest = computed(() => this.snapshots().at(-1) ?? null);

  protected readonly queueDepth = computed<ChartSeries[]>(() => [
    {
      label: 'all queues',
      points: this.snapshots().map((s) => ({ t: s.takenAt, v: s.queueDepth })),
    },
  ]);

  /** Every process seen in the period, in one order, so each keeps its colour in every chart. */
  private readonly services = computed(() =>
    [...new Set(this.snapshots().flatMap((s) => s.services.map((m) => m.service)))].sort(),
  );

  /** One line per process, and the system's total first. */
  protected perService(measure: Measure): ChartSeries[] {
    const lines = new Map<string, ChartSeries>(
      ['all', ...this.services()].map((label) => [label, { label, points: [] }]),
    );
    const add = (label: string, t: string, v: number | null) => {
      if (v !== null) lines.get(label)?.points.push({ t, v });
    };
    for (const snapshot of this.snapshots()) {
      add('all', snapshot.takenAt, snapshot[measure]);
      for (const service of snapshot.services)
        add(service.service, snapshot.takenAt, service[measure]);
    }
    return [...lines.values()];
  }

  protected fixed(value: number): string {
    return value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
  }
}
