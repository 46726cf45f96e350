import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { SessionStore } from '@web/auth/data-access';
import { GATEWAY_URL, injectQuery, queueDashboardUrl } from '@web/shared/data-access';
import { AsyncStateComponent, ErrorBannerComponent, PageHeaderComponent } from '@web/shared/ui';
import { QueuesDocument } from '../generated/graphql';

const REFRESH_MS = 5000;
/** The cookie bull-board accepts from a browser that can't send an Authorization header. */
const DASHBOARD_COOKIE = 'astro_ops_token';

/** BullMQ queue counts, and the way into bull-board. */
@Component({
  selector: 'app-queues-page',
  imports: [AsyncStateComponent, ErrorBannerComponent, PageHeaderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Queues"
      subheading="Jobs per BullMQ queue, refreshed every few seconds."
    >
      <a
        class="btn btn-primary"
        [href]="dashboardUrl"
        target="_blank"
        rel="noopener"
        (click)="openDashboard($event)"
      >
        Open the BullMQ dashboard
      </a>
    </ui-page-header>
    <ui-error [message]="dashboardError()" />
    <ui-async
      [loading]="queues.loading()"
      [error]="queues.error()"
      [hasData]="!!queues.data()"
      [empty]="!queues.data()?.queues?.length"
      emptyTitle="No queues yet"
      emptyText="Queues appear once the workers have started."
      (retry)="queues.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Queue counts
          </caption>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col" class="num">Waiting</th>
              <th scope="col" class="num">Active</th>
              <th scope="col" class="num">Delayed</th>
              <th scope="col" class="num">Failed</th>
              <th scope="col" class="num">Completed</th>
            </tr>
          </thead>
          <tbody>
            @for (q of queues.data()?.queues; track q.name) {
              <tr>
                <th scope="row">
                  {{ q.name }}
                  @if (q.paused) {
                    <span class="badge badge-warning">paused</span>
                  }
                </th>
                <td class="num">{{ q.waiting }}</td>
                <td class="num">{{ q.active }}</td>
                <td class="num">{{ q.delayed }}</td>
                <td class="num" [class.bad]="q.failed > 0">{{ q.failed }}</td>
                <td class="num">{{ q.completed }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>
  `,
  styles: `
    .bad {
      color: var(--danger);
      font-weight: 700;
    }
    ui-error {
      display: block;
      margin-bottom: 1rem;
    }
  `,
})
export class QueuesPage {
  private readonly store = inject(SessionStore);
  protected readonly dashboardUrl = queueDashboardUrl(inject(GATEWAY_URL));
  protected readonly dashboardError = signal<string | null>(null);
  protected readonly queues = injectQuery(QueuesDocument, () => ({}), { pollInterval: REFRESH_MS });

  /**
   * A link can't carry an Authorization header, so the access token goes in a
   * cookie scoped to the dashboard's path first (cookies ignore ports, so the
   * gateway on the same host receives it).
   */
  protected async openDashboard(event: MouseEvent): Promise<void> {
    event.preventDefault();
    this.dashboardError.set(null);
    const tab = window.open('', '_blank');
    const token = await this.store.accessToken();
    if (!token) {
      tab?.close();
      this.dashboardError.set('Your session has ended. Please sign in again.');
      return;
    }
    const path = new URL(this.dashboardUrl).pathname;
    const maxAge = Math.max(
      60,
      Math.floor(((this.store.session()?.expiresAt ?? 0) - Date.now()) / 1000),
    );
    document.cookie = `${DASHBOARD_COOKIE}=${encodeURIComponent(token)}; path=${path}; max-age=${maxAge}; SameSite=Strict`;
    if (tab) {
      tab.opener = null;
      tab.location.href = this.dashboardUrl;
    } else {
      window.location.href = this.dashboardUrl;
    }
  }
}
