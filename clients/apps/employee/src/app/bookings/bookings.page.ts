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
  type BookingSearch,
  type BookingStatus,
} from '../generated/graphql';

type Booking = AllBookingsQuery['bookings']['edges'][number]['node'];

const PAGE_SIZE = 25;
/** The shortest text the server searches by. */
const MIN_SEARCH_TEXT = 2;

/** Every booking or those searched for, newest first; cancel with a reason (refunded by the policy). */
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
    <form class="card search form-grid" aria-label="Search bookings" (submit)="applyText($event)">
      <div class="field">
        <label for="search">Search</label>
        <input
          id="search"
          name="search"
          type="search"
          placeholder="Part of a mission, or a booking or launch id"
          [minlength]="minText"
          [(ngModel)]="text"
        />
      </div>
      <div class="field">
        <label for="status">Status</label>
        <select id="status" name="status" [ngModel]="status()" (ngModelChange)="setStatus($event)">
          <option [ngValue]="null">Any status</option>
          <option [ngValue]="'PENDING'">Pending</option>
          <option [ngValue]="'CONFIRMED'">Confirmed</option>
          <option [ngValue]="'CANCELLED'">Cancelled</option>
          <option [ngValue]="'REJECTED'">Rejected</option>
        </select>
      </div>
      <div class="row">
        <button type="submit" class="btn btn-primary">Search</button>
        @if (searching()) {
          <button type="button" class="btn" (click)="clearSearch()">Show all</button>
        }
      </div>
      @if (customer(); as c) {
        <p class="muted">Only the bookings of {{ c.email }}.</p>
      }
    </form>
    <ui-notice [message]="notice()" />
    <ui-async
      [loading]="bookings.loading()"
      [error]="bookings.error()"
      [hasData]="!!bookings.data()"
      [empty]="rows().length === 0"
      [emptyTitle]="searching() ? 'No booking matches' : 'No bookings yet'"
      [emptyText]="searching() ? 'Try another search, or show all.' : null"
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
                <td>
                  <button
                    type="button"
                    class="link"
                    title="Only this customer's bookings"
                    (click)="onlyCustomer(b.customer)"
                  >
                    {{ b.customer.email }}
                  </button>
                </td>
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
        [shown]="rows().length"
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
    }
    .link {
      background: none;
      border: none;
      padding: 0;
      color: var(--link, inherit);
      text-decoration: underline;
      cursor: pointer;
      font: inherit;
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
  protected readonly minText = MIN_SEARCH_TEXT;
  /** What is typed; searched for once submitted. */
  protected text = '';
  private readonly appliedText = signal('');
  protected readonly status = signal<BookingStatus | null>(null);
  protected readonly customer = signal<{ id: string; email: string } | null>(null);
  protected readonly searching = computed(
    () => !!this.appliedText() || !!this.status() || !!this.customer(),
  );
  protected readonly notice = signal<string | null>(null);
  protected readonly cancelling = signal<Booking | null>(null);
  protected readonly bookings = injectQuery(AllBookingsDocument, () => ({
    first: PAGE_SIZE,
    after: this.paging.after(),
    search: this.search(),
  }));
  protected readonly cancel = injectMutation(CancelBookingDocument);
  protected readonly rows = computed(
    () => this.bookings.data()?.bookings.edges.map((e) => e.node) ?? [],
  );

  /** The server's search, from what is applied; null lists every booking. */
  private search(): BookingSearch | null {
    const search: BookingSearch = {
      text: this.appliedText() || null,
      status: this.status(),
      customerId: this.customer()?.id ?? null,
    };
    return Object.values(search).some((value) => value !== null) ? search : null;
  }

  protected applyText(event: Event): void {
    event.preventDefault();
    const text = this.text.trim();
    if (text.length > 0 && text.length < MIN_SEARCH_TEXT) return;
    this.paging.reset();
    this.appliedText.set(text);
  }

  protected setStatus(status: BookingStatus | null): void {
    this.paging.reset();
    this.status.set(status);
  }

  protected onlyCustomer(customer: { id: string; email: string }): void {
    this.paging.reset();
    this.customer.set(customer);
  }

  protected clearSearch(): void {
    this.text = '';
    this.paging.reset();
    this.appliedText.set('');
    this.status.set(null);
    this.customer.set(null);
  }

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
