import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { injectQuery } from '@web/shared/data-access';
import { AsyncStateComponent, PageHeaderComponent, StatusBadgeComponent } from '@web/shared/ui';
import { RelativeTimePipe } from '@web/shared/util';
import { ServiceHealthDocument } from '../generated/graphql';

const REFRESH_MS = 10_000;

/** Each process's readiness and its dependencies, as checked just now. */
@Component({
  selector: 'app-health-page',
  imports: [AsyncStateComponent, PageHeaderComponent, StatusBadgeComponent, RelativeTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Service health"
      subheading="Readiness of every process, checked every few seconds."
    />
    <ui-async
      [loading]="health.loading()"
      [error]="health.error()"
      [hasData]="!!health.data()"
      [empty]="!health.data()?.serviceHealth?.length"
      emptyTitle="No services reported yet"
      (retry)="health.reload()"
    >
      <p class="summary" role="status">
        {{
          down() === 0
            ? 'All services are up.'
            : down() + ' service' + (down() === 1 ? ' is' : 's are') + ' not ready.'
        }}
      </p>
      <ul class="grid services">
        @for (s of health.data()?.serviceHealth; track s.service) {
          <li class="card service" [class.down]="s.status !== 'UP'">
            <div class="row head">
              <h2>{{ s.service }}</h2>
              <ui-badge [status]="s.status" />
            </div>
            <p class="muted">
              checked {{ s.checkedAt | relativeTime
              }}{{ s.latencyMs === null ? '' : ' · ' + s.latencyMs + ' ms' }}
            </p>
            @if (s.dependencies.length) {
              <ul class="deps" [attr.aria-label]="'Dependencies of ' + s.service">
                @for (d of s.dependencies; track d.name) {
                  <li [class.bad]="!d.up">
                    <span aria-hidden="true">{{ d.up ? '●' : '○' }}</span>
                    {{ d.name }} {{ d.up ? 'up' : 'down' }}{{ d.error ? ': ' + d.error : '' }}
                  </li>
                }
              </ul>
            }
          </li>
        }
      </ul>
    </ui-async>
  `,
  styles: `
    .services {
      list-style: none;
      padding: 0;
      margin: 0;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
    }
    .head {
      justify-content: space-between;
    }
    .head h2 {
      text-transform: capitalize;
      margin: 0;
    }
    .service p {
      margin: 0.4rem 0;
      font-size: 0.9rem;
    }
    .deps {
      list-style: none;
      padding: 0;
      margin: 0;
      font-size: 0.88rem;
      color: var(--success);
    }
    .deps .bad {
      color: var(--danger);
    }
    .down {
      border-color: #f5c2c2;
      background: var(--danger-soft);
    }
    .summary {
      font-weight: 600;
    }
  `,
})
export class HealthPage {
  protected readonly health = injectQuery(ServiceHealthDocument, () => ({}), {
    pollInterval: REFRESH_MS,
  });
  protected readonly down = computed(
    () => this.health.data()?.serviceHealth.filter((s) => s.status !== 'UP').length ?? 0,
  );
}
