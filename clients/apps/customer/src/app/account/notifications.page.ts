import { ChangeDetectionStrategy, Component } from '@angular/core';
import { injectQuery } from '@web/shared/data-access';
import { AsyncStateComponent, PageHeaderComponent } from '@web/shared/ui';
import { DateTimePipe, RelativeTimePipe } from '@web/shared/util';
import { MyNotificationsDocument } from '../generated/graphql';

/** Copies of the emails sent to the customer. */
@Component({
  selector: 'app-notifications-page',
  imports: [AsyncStateComponent, PageHeaderComponent, DateTimePipe, RelativeTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header heading="Notifications" subheading="Everything we have emailed you." />
    <ui-async
      [loading]="notifications.loading()"
      [error]="notifications.error()"
      [hasData]="!!notifications.data()"
      [empty]="!notifications.data()?.myNotifications?.length"
      emptyTitle="No notifications yet"
      emptyText="Booking confirmations and launch updates will appear here."
      (retry)="notifications.reload()"
    >
      <ul class="list">
        @for (n of notifications.data()?.myNotifications; track n.id) {
          <li class="card item">
            <details>
              <summary>
                <span class="subject">{{ n.subject }}</span>
                <time class="muted" [attr.datetime]="n.createdAt" [title]="n.createdAt | dateTime">
                  {{ n.createdAt | relativeTime }}
                </time>
              </summary>
              <pre class="body">{{ n.body }}</pre>
            </details>
          </li>
        }
      </ul>
    </ui-async>
  `,
  styles: `
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.6rem;
    }
    .item {
      padding: 0.9rem 1.1rem;
    }
    summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      justify-content: space-between;
      cursor: pointer;
    }
    .body {
      white-space: pre-wrap;
      font-family: inherit;
      margin: 0.75rem 0 0;
      color: var(--muted);
    }
    .subject {
      font-weight: 600;
    }
  `,
})
export class NotificationsPage {
  protected readonly notifications = injectQuery(MyNotificationsDocument, () => ({}));
}
