import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ErrorBannerComponent,
  NoticeComponent,
  PageHeaderComponent,
  StatusBadgeComponent,
} from '@web/shared/ui';
import { DateTimePipe } from '@web/shared/util';
import {
  NotificationStatusesDocument,
  RetryNotificationDocument,
  type NotificationState,
} from '../generated/graphql';

const REFRESH_MS = 10_000;
const FILTERS: { label: string; value: NotificationState | null }[] = [
  { label: 'All', value: null },
  { label: 'Queued', value: 'QUEUED' },
  { label: 'Sent', value: 'SENT' },
  { label: 'Failed', value: 'FAILED' },
];

/** Every email's delivery status; failed ones can be sent again. */
@Component({
  selector: 'app-notifications-page',
  imports: [
    RouterLink,
    AsyncStateComponent,
    ErrorBannerComponent,
    NoticeComponent,
    PageHeaderComponent,
    StatusBadgeComponent,
    DateTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Notifications"
      subheading="Emails and their delivery, refreshed every few seconds."
    />
    <div class="tabs" role="group" aria-label="Show notifications">
      @for (f of filters; track f.label) {
        <button
          type="button"
          class="btn btn-small"
          [class.btn-primary]="status() === f.value"
          [attr.aria-pressed]="status() === f.value"
          (click)="status.set(f.value)"
        >
          {{ f.label }}
        </button>
      }
    </div>
    <ui-notice [message]="notice()" />
    <ui-error [message]="retry.error()?.message" />
    <ui-async
      [loading]="statuses.loading()"
      [error]="statuses.error()"
      [hasData]="!!statuses.data()"
      [empty]="!statuses.data()?.notificationStatuses?.length"
      emptyTitle="No notifications here"
      emptyText="Emails appear as soon as they are queued."
      (retry)="statuses.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Notification statuses
          </caption>
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Updated</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (n of statuses.data()?.notificationStatuses; track n.id) {
              <tr>
                <td>{{ n.recipient }}</td>
                <td>{{ n.subject }}</td>
                <td><ui-badge [status]="n.status" /></td>
                <td class="num">{{ n.attempts }}</td>
                <td class="error-text">{{ n.lastError ?? '' }}</td>
                <td class="nowrap">{{ n.updatedAt | dateTime }}</td>
                <td class="actions">
                  @if (n.status === 'FAILED') {
                    <button
                      type="button"
                      class="btn btn-small"
                      [disabled]="retry.pending()"
                      (click)="send(n.id, n.subject)"
                    >
                      Retry<span class="sr-only"> {{ n.subject }} to {{ n.recipient }}</span>
                    </button>
                  }
                  @if (n.correlationId) {
                    <a
                      class="btn btn-small"
                      routerLink="/logs"
                      [queryParams]="{ correlation: n.correlationId }"
                    >
                      Logs<span class="sr-only"> of {{ n.subject }} to {{ n.recipient }}</span>
                    </a>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>
  `,
  styles: `
    .tabs {
      display: flex;
      gap: 0.4rem;
      flex-wrap: wrap;
      margin-bottom: 1rem;
    }
    .error-text {
      color: var(--danger);
      font-size: 0.88rem;
      max-width: 18rem;
    }
    ui-notice,
    ui-error {
      display: block;
      margin-bottom: 1rem;
    }
  `,
})
export class NotificationsPage {
  protected readonly filters = FILTERS;
  protected readonly status = signal<NotificationState | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly statuses = injectQuery(
    NotificationStatusesDocument,
    () => ({ status: this.status() }),
    { pollInterval: REFRESH_MS },
  );
  protected readonly retry = injectMutation(RetryNotificationDocument);

  protected async send(id: string, subject: string): Promise<void> {
    this.notice.set(null);
    const result = await this.retry.run({ id });
    if (!result) return;
    this.notice.set(
      `“${subject}” is queued again (${result.retryNotification.status.toLowerCase()}).`,
    );
    this.statuses.reload();
  }
}
