import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { CursorPaging, injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  NoticeComponent,
  PageHeaderComponent,
  PagerComponent,
  ReasonDialogComponent,
  StatusBadgeComponent,
  type ReasonDialogResult,
} from '@web/shared/ui';
import { DateTimePipe, formatMoney, MoneyPipe } from '@web/shared/util';
import {
  AllBookingsDocument,
  CancelBookingDocument,
  type AllBookingsQuery,
} from '../generated/graphql';

type Booking = AllBookingsQuery['bookings']['edges'][number]['node'];

const PAGE_SIZE = 25;

/** Every booking, newest first: search the page, cancel with a reason (refunded by the policy). */
@Component({
  selector: 'app-bookings-page',
  imports: [
    FormsModule,
    AsyncStateComponent,
    NoticeComponent,
    PageHeaderComponent,
    PagerComponent,
    ReasonDialogComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header heading="Bookings" subheading="Every booking, newest first." />
    <div class="card search">
      <div class="field">
        <label for="search">Search this page</label>
        <input
          id="search"
          type="search"
          placeholder="Mission, customer email or booking id"
          [ngModel]="search()"
          (ngModelChange)="search.set($event)"
        />
      </div>
    </div>
    <ui-notice [message]="notice()" />
    <ui-async
      [loading]="bookings.loading()"
      [error]="bookings.error()"
      [hasData]="!!bookings.data()"
      [empty]="rows().length === 0"
      [emptyTitle]="search() ? 'No booking on this page matches' : 'No bookings yet'"
      [emptyText]="search() ? 'Try the next page or another search.' : null"
      (retry)="bookings.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Bookings
          </caption>
          <thead>
            <tr>
              <th scope="col">Booked</th>
              <th scope="col">Customer</th>
              <th scope="col">Mission</th>
              <th scope="col" class="num">Seats</th>
              <th scope="col" class="num">Total</th>
              <th scope="col">Status</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (b of rows(); track b.id) {
              <tr>
                <td class="nowrap">{{ b.createdAt | dateTime }}</td>
                <td>{{ b.customer.email }}</td>
                <td>
                  {{ b.launch.mission }}
                  <div class="muted small">{{ b.launch.scheduledAt | dateTime }}</div>
                </td>
                <td class="num">{{ b.seats }}</td>
                <td class="num">
                  {{ b.totalPrice | money: b.currency }}
                  @if (b.refundAmount !== null) {
                    <div class="muted small">refunded {{ b.refundAmount | money: b.currency }}</div>
                  }
                </td>
                <td><ui-badge [status]="b.status" /></td>
                <td class="actions">
                  @if (b.status === 'CONFIRMED') {
                    <button type="button" class="btn btn-small" (click)="cancelling.set(b)">
                      Cancel<span class="sr-only"> booking of {{ b.customer.email }}</span>
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <ui-pager
        [page]="paging.page()"
        [pageSize]="pageSize"
        [shown]="page().length"
        [totalCount]="bookings.data()?.bookings?.totalCount ?? 0"
        [hasNext]="bookings.data()?.bookings?.pageInfo?.hasNextPage ?? false"
        (next)="paging.next(bookings.data()?.bookings?.pageInfo?.endCursor)"
        (previous)="paging.previous()"
      />
    </ui-async>

    <ui-reason-dialog
      [open]="!!cancelling()"
      heading="Cancel this booking?"
      confirmLabel="Cancel booking"
      reasonLabel="Reason (told to the customer)"
      [busy]="cancel.pending()"
      [error]="cancel.error()?.message"
      (confirmed)="confirmCancel($event)"
      (cancelled)="cancelling.set(null)"
    >
      @if (cancelling(); as b) {
        <p>
          {{ b.customer.email }}: {{ b.seats }} seat{{ b.seats === 1 ? '' : 's' }} on
          <strong>{{ b.launch.mission }}</strong> for {{ b.totalPrice | money: b.currency }}.
        </p>
        <p class="muted">
          The refund follows the cancellation policy for the time left before departure.
        </p>
      }
    </ui-reason-dialog>
  `,
  styles: `
    .search {
      margin-bottom: 1rem;
      max-width: 32rem;
    }
    .small {
      font-size: 0.85rem;
    }
    ui-notice {
      display: block;
      margin-bottom: 1rem;
    }
  `,
})
export class BookingsPage {
  protected readonly pageSize = PAGE_SIZE;
  protected readonly paging = new CursorPaging();
  protected readonly search = signal('');
  protected readonly notice = signal<string | null>(null);
  protected readonly cancelling = signal<Booking | null>(null);
  protected readonly bookings = injectQuery(AllBookingsDocument, () => ({
    first: PAGE_SIZE,
    after: this.paging.after(),
  }));
  protected readonly cancel = injectMutation(CancelBookingDocument);
  protected readonly page = computed(
    () => this.bookings.data()?.bookings.edges.map((e) => e.node) ?? [],
  );
  protected readonly rows = computed(() => {
    const text = this.search().trim().toLowerCase();
    if (!text) return this.page();
    return this.page().filter((b) =>
      [b.id, b.customer.email, b.launch.mission].some((value) =>
        value.toLowerCase().includes(text),
      ),
    );
  });

  protected async confirmCancel(result: ReasonDialogResult): Promise<void> {
    const booking = this.cancelling();
    if (!booking) return;
    const done = await this.cancel.run({ id: booking.id, reason: result.reason });
    if (!done) return;
    this.cancelling.set(null);
    const { refundAmount, refundPercent, currency } = done.cancelBooking;
    this.notice.set(
      `Booking cancelled; ${booking.customer.email} is refunded ${formatMoney(refundAmount ?? 0, currency)} (${refundPercent ?? 0}%).`,
    );
    this.bookings.reload();
  }
}
