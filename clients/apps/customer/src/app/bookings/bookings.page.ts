import { ChangeDetectionStrategy, Component, computed, linkedSignal, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ConfirmDialogComponent,
  ErrorBannerComponent,
  NoticeComponent,
  PageHeaderComponent,
  StatusBadgeComponent,
} from '@web/shared/ui';
import { DateTimePipe, formatMoney, MoneyPipe } from '@web/shared/util';
import {
  CancelMyBookingDocument,
  LeaveWaitlistDocument,
  MyBookingsDocument,
  MyWaitlistDocument,
  type MyBookingsQuery,
} from '../generated/graphql';
import { RefundQuoteComponent } from './refund-quote.component';

type Booking = MyBookingsQuery['myBookings'][number];

/** Bookings still waiting for their outcome are read again this often. */
const PENDING_POLL_MS = 3000;

/** The customer's bookings, cancelling with the refund shown first, and the waitlist. */
@Component({
  selector: 'app-bookings-page',
  imports: [
    RouterLink,
    AsyncStateComponent,
    ConfirmDialogComponent,
    ErrorBannerComponent,
    NoticeComponent,
    PageHeaderComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
    RefundQuoteComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header heading="My bookings" subheading="Your seats, their status, and cancelling." />
    <ui-notice [message]="notice()" />
    <ui-error [message]="leave.error()?.message" />
    <ui-async
      [loading]="bookings.loading()"
      [error]="bookings.error()"
      [hasData]="!!bookings.data()"
      [empty]="rows().length === 0"
      emptyTitle="No bookings yet"
      emptyText="When you book seats on a launch, they show up here."
      (retry)="bookings.reload()"
    >
      <a empty-actions class="btn btn-primary" routerLink="/launches">Find a launch</a>
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Your bookings
          </caption>
          <thead>
            <tr>
              <th scope="col">Mission</th>
              <th scope="col">Lift-off</th>
              <th scope="col" class="num">Seats</th>
              <th scope="col" class="num">Total</th>
              <th scope="col">Status</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (b of rows(); track b.id) {
              <tr>
                <td>
                  <a [routerLink]="['/launches', b.launch.id]">{{ b.launch.mission }}</a>
                </td>
                <td class="nowrap">{{ b.launch.scheduledAt | dateTime }}</td>
                <td class="num">{{ b.seats }}</td>
                <td class="num">{{ b.totalPrice | money: b.currency }}</td>
                <td>
                  <ui-badge [status]="b.status" />
                  @if (b.rejectionReason) {
                    <div class="muted small">{{ b.rejectionReason }}</div>
                  }
                  @if (b.refundAmount !== null) {
                    <div class="muted small">refunded {{ b.refundAmount | money: b.currency }}</div>
                  }
                </td>
                <td class="actions">
                  @if (b.refundIfCancelledNow.cancellable) {
                    <button type="button" class="btn btn-small" (click)="askCancel(b)">
                      Cancel<span class="sr-only"> booking for {{ b.launch.mission }}</span>
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>

    @if (waitlist.data()?.myWaitlist?.length) {
      <section class="waitlist" aria-labelledby="waitlist-title">
        <h2 id="waitlist-title">Waitlist</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Mission</th>
                <th scope="col">Lift-off</th>
                <th scope="col" class="num">Seats</th>
                <th scope="col">Status</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (w of waitlist.data()?.myWaitlist; track w.id) {
                <tr>
                  <td>
                    <a [routerLink]="['/launches', w.launch.id]">{{ w.launch.mission }}</a>
                  </td>
                  <td class="nowrap">{{ w.launch.scheduledAt | dateTime }}</td>
                  <td class="num">{{ w.seats }}</td>
                  <td>
                    <ui-badge [status]="w.status" />
                    @if (w.status === 'WAITING' && w.position !== null) {
                      <span class="muted"> number {{ w.position }} in line</span>
                    }
                    @if (w.status === 'HOLDING' && w.holdExpiresAt) {
                      <div>
                        <a [routerLink]="['/launches', w.launch.id]">{{ heldText(w) }}</a>
                        <span class="muted"> until {{ w.holdExpiresAt | dateTime }}</span>
                      </div>
                    }
                  </td>
                  <td class="actions">
                    @if (onWaitlist(w.status)) {
                      <button
                        type="button"
                        class="btn btn-small"
                        [disabled]="leave.pending()"
                        (click)="leaveWaitlist(w.launch.id, w.launch.mission)"
                      >
                        Leave<span class="sr-only"> the waitlist of {{ w.launch.mission }}</span>
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>
    }

    <ui-confirm-dialog
      [open]="!!cancelling()"
      heading="Cancel this booking?"
      confirmLabel="Cancel booking"
      [busy]="cancel.pending()"
      [confirmDisabled]="!cancelling()?.refundIfCancelledNow?.cancellable"
      (confirmed)="confirmCancel()"
      (cancelled)="closeCancel()"
    >
      @if (cancelling(); as b) {
        <p>
          {{ b.seats }} seat{{ b.seats === 1 ? '' : 's' }} on
          <strong>{{ b.launch.mission }}</strong>, lift-off {{ b.launch.scheduledAt | dateTime }}.
        </p>
        <p class="refund">
          You paid {{ b.totalPrice | money: b.currency }}. The refund depends on the time left
          before lift-off: <strong>all of it</strong> 30 days or more before,
          <strong>half</strong> 7 days or more before, nothing later.
        </p>
        <app-refund-quote [quote]="b.refundIfCancelledNow" />
        <ui-error [message]="cancel.error()?.message" />
      }
    </ui-confirm-dialog>
  `,
  styles: `
    .waitlist {
      margin-top: 2rem;
    }
    .small {
      font-size: 0.85rem;
    }
  `,
})
export class BookingsPage {
  protected readonly bookings = injectQuery(MyBookingsDocument, () => ({}));
  protected readonly waitlist = injectQuery(MyWaitlistDocument, () => ({}));
  /** The booking whose cancellation is asked about, as last read (its refund quote with it). */
  protected readonly cancelling = computed(() => {
    const id = this.cancellingId();
    return id === null ? null : (this.rows().find((b) => b.id === id) ?? null);
  });
  private readonly cancellingId = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly cancel = injectMutation(CancelMyBookingDocument);
  protected readonly leave = injectMutation(LeaveWaitlistDocument);
  /** Outcomes still on their way: read again until none is PENDING. */
  private readonly pendingWatch = injectQuery(
    MyBookingsDocument,
    () => (this.bookings.data()?.myBookings.some((b) => b.status === 'PENDING') ? {} : null),
    { pollInterval: PENDING_POLL_MS },
  );

  /** Whichever of the two reads answered last (a reload after the watch stopped is newer). */
  private readonly latest = linkedSignal<
    readonly [MyBookingsQuery | undefined, MyBookingsQuery | undefined],
    MyBookingsQuery | undefined
  >({
    source: () => [this.bookings.data(), this.pendingWatch.data()] as const,
    computation: ([listed, watched], previous) =>
      previous !== undefined && watched === previous.source[1] ? listed : (watched ?? listed),
  });

  protected readonly rows = computed(() => this.latest()?.myBookings ?? []);

  /** All the seats wanted, or only some of them when fewer came free. */
  protected heldText(entry: { seats: number; heldSeats?: number | null }): string {
    const held = entry.heldSeats ?? entry.seats;
    if (held >= entry.seats)
      return `${held === 1 ? 'Your seat is' : 'Your seats are'} held for you`;
    return `${held} of the ${entry.seats} seats you wait for ${held === 1 ? 'is' : 'are'} held for you`;
  }

  protected onWaitlist(status: string): boolean {
    return ['PENDING', 'WAITING', 'HOLDING'].includes(status);
  }

  protected askCancel(booking: Booking): void {
    this.notice.set(null);
    this.cancel.reset();
    this.cancellingId.set(booking.id);
    // The refund shown is quoted for the instant it is read: read it again as the dialog opens.
    this.bookings.reload();
  }

  protected closeCancel(): void {
    this.cancellingId.set(null);
  }

  protected async confirmCancel(): Promise<void> {
    const booking = this.cancelling();
    if (!booking) return;
    const result = await this.cancel.run({ id: booking.id });
    if (!result) return;
    this.cancellingId.set(null);
    const { refundAmount, currency, status } = result.cancelMyBooking;
    this.notice.set(
      status === 'CANCELLED'
        ? `Your booking for ${booking.launch.mission} is cancelled; ${formatMoney(refundAmount ?? 0, currency)} is refunded.`
        : `Your cancellation of ${booking.launch.mission} is on its way; the refund shows here once it is done.`,
    );
    this.bookings.reload();
  }

  protected async leaveWaitlist(launchId: string, mission: string): Promise<void> {
    this.notice.set(null);
    if (await this.leave.run({ launchId })) {
      this.notice.set(`You left the waitlist of ${mission}.`);
      this.waitlist.reload();
    }
  }
}
