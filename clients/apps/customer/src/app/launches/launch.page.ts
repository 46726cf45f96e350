import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ErrorBannerComponent,
  NoticeComponent,
  PageHeaderComponent,
  StatusBadgeComponent,
} from '@web/shared/ui';
import { DateTimePipe, MoneyPipe, randomId } from '@web/shared/util';
import {
  BookSeatsDocument,
  JoinWaitlistDocument,
  LaunchDocument,
  MyBookingsDocument,
  MyWaitlistPlacesDocument,
  type BookingStatus,
} from '../generated/graphql';

const MAX_SEATS = 4;
/** How often to ask about a PENDING booking until its outcome arrives. */
const OUTCOME_POLL_MS = 1500;
const ON_SALE = ['SCHEDULED', 'DELAYED'];
/** Waitlist statuses of a customer still waiting for seats to come free. */
const IN_LINE = ['PENDING', 'WAITING'];

interface Outcome {
  id: string;
  status: BookingStatus;
  seats: number;
  totalPrice: number;
  currency: string;
  rejectionReason: string | null;
}

/**
 * One launch: its details, booking 1–4 seats with the total, the outcome as it
 * arrives, or the waitlist: the customer's place in line, and seats it holds for them to book.
 */
@Component({
  selector: 'app-launch-page',
  imports: [
    FormsModule,
    RouterLink,
    AsyncStateComponent,
    ErrorBannerComponent,
    NoticeComponent,
    PageHeaderComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/launches">← All launches</a></p>
    <ui-async
      [loading]="launch.loading()"
      [error]="launch.error()"
      [hasData]="!!launch.data()"
      [empty]="!launch.data()?.launch"
      emptyTitle="This launch is not on sale"
      emptyText="It may have been cancelled or already flown."
      (retry)="launch.reload()"
    >
      @if (launch.data()?.launch; as l) {
        <ui-page-header [heading]="l.mission" [subheading]="'To ' + l.destination">
          <ui-badge [status]="l.status" />
        </ui-page-header>
        <div class="layout">
          <section class="card" aria-labelledby="details-title">
            <h2 id="details-title">Details</h2>
            <dl class="details">
              <dt>Destination</dt>
              <dd>{{ l.destination }}</dd>
              <dt>Lift-off</dt>
              <dd>{{ l.scheduledAt | dateTime }}</dd>
              <dt>From</dt>
              <dd>{{ l.spaceport.name }}, {{ l.spaceport.location }}</dd>
              @if (l.rocketName) {
                <dt>Rocket</dt>
                <dd>{{ l.rocketName }}</dd>
              }
              <dt>Price per seat</dt>
              <dd>{{ l.pricePerSeat | money: l.currency }}</dd>
              <dt>Seats left</dt>
              <dd>{{ l.seatsAvailable }}</dd>
            </dl>
          </section>

          <section class="card" aria-labelledby="book-title">
            <h2 id="book-title">
              {{ soldOut() ? 'Sold out' : hold() ? 'Seats held for you' : 'Book seats' }}
            </h2>
            @if (outcome(); as o) {
              @switch (o.status) {
                @case ('CONFIRMED') {
                  <ui-notice
                    [message]="
                      'Booking confirmed: ' +
                      seatCount(o.seats) +
                      ' for ' +
                      (o.totalPrice | money: o.currency) +
                      '.'
                    "
                  />
                  <p class="next"><a routerLink="/bookings">See my bookings</a></p>
                }
                @case ('PENDING') {
                  <div class="notice notice-info pending" role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    Your booking is being confirmed… this page updates by itself.
                  </div>
                }
                @default {
                  <ui-error
                    [message]="
                      'The seats could not be booked (' +
                      o.status.toLowerCase() +
                      '): they may have just sold out.'
                    "
                  />
                }
              }
              @if (o.status !== 'PENDING') {
                <button type="button" class="btn again" (click)="startOver()">
                  Book more seats
                </button>
              }
            } @else if (!onSale()) {
              <p class="muted">This launch is no longer on sale.</p>
            } @else if (soldOut()) {
              @if (waiting(); as w) {
                <ui-notice
                  [message]="
                    'You are on the waitlist for ' +
                    seatCount(w.seats) +
                    (w.position ? ', number ' + w.position + ' in line' : '') +
                    '. We will email you when seats free up.'
                  "
                />
              } @else {
                <p>
                  Every seat is taken. Join the waitlist and we will email you if seats free up.
                </p>
                <form class="form" (ngSubmit)="joinWaitlist(l.id)">
                  <div class="field">
                    <label for="wait-seats">Seats wanted</label>
                    <select id="wait-seats" name="waitSeats" [(ngModel)]="seats">
                      @for (n of seatChoices(); track n) {
                        <option [ngValue]="n">{{ n }}</option>
                      }
                    </select>
                  </div>
                  <ui-error [message]="waitlist.error()?.message" />
                  <button type="submit" class="btn btn-primary" [disabled]="waitlist.pending()">
                    {{ waitlist.pending() ? 'Joining…' : 'Join the waitlist' }}
                  </button>
                </form>
              }
            } @else {
              @if (hold(); as h) {
                <p>
                  The waitlist holds {{ seatCount(h.heldSeats ?? 0) }} for you until
                  {{ h.holdExpiresAt | dateTime }}: book before then.
                </p>
              }
              <form class="form" (ngSubmit)="book(l.id)">
                <div class="field">
                  <label for="seats">Seats</label>
                  <select id="seats" name="seats" [(ngModel)]="seats" aria-describedby="total">
                    @for (n of seatChoices(); track n) {
                      <option [ngValue]="n">{{ seatCount(n) }}</option>
                    }
                  </select>
                </div>
                <p class="total" id="total" aria-live="polite">
                  Total <strong>{{ l.pricePerSeat * seats | money: l.currency }}</strong>
                </p>
                <ui-error [message]="booking.error()?.message" />
                <button type="submit" class="btn btn-primary" [disabled]="booking.pending()">
                  {{ booking.pending() ? 'Booking…' : 'Book ' + seatCount(seats) }}
                </button>
              </form>
            }
          </section>
        </div>
      }
    </ui-async>
  `,
  styles: `
    .layout {
      display: grid;
      gap: 1rem;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    }
    @media (max-width: 760px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    .total {
      font-size: 1.1rem;
      margin: 0;
    }
    .pending {
      display: flex;
      gap: 0.6rem;
      align-items: center;
    }
    .spinner {
      width: 1rem;
      height: 1rem;
      border-radius: 50%;
      border: 3px solid #c8d7f7;
      border-top-color: var(--info);
      animation: spin 0.8s linear infinite;
      flex: none;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    .again,
    .next {
      margin-top: 1rem;
    }
  `,
})
export class LaunchPage {
  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected seats = 1;
  protected readonly launch = injectQuery(LaunchDocument, () => ({ id: this.id() }));
  protected readonly booking = injectMutation(BookSeatsDocument);
  protected readonly waitlist = injectMutation(JoinWaitlistDocument);
  private readonly placed = signal<Outcome | null>(null);
  /**
   * One key per booking attempt: pressing Book again after a lost answer asks
   * about the same booking instead of booking twice.
   */
  private idempotencyKey = randomId();

  /** While a booking is PENDING, its outcome is read again until it arrives. */
  private readonly watch = injectQuery(
    MyBookingsDocument,
    () => (this.placed()?.status === 'PENDING' ? {} : null),
    { pollInterval: OUTCOME_POLL_MS },
  );

  protected readonly outcome = computed<Outcome | null>(() => {
    const placed = this.placed();
    if (!placed || placed.status !== 'PENDING') return placed;
    const latest = this.watch.data()?.myBookings.find((b) => b.id === placed.id);
    return latest
      ? { ...placed, status: latest.status, rejectionReason: latest.rejectionReason }
      : placed;
  });

  protected readonly onSale = computed(() =>
    ON_SALE.includes(this.launch.data()?.launch?.status ?? ''),
  );
  /** The customer's place on this launch's waitlist, if any. */
  private readonly places = injectQuery(MyWaitlistPlacesDocument, () => ({}));
  private readonly place = computed(
    () => this.places.data()?.myWaitlist.find((w) => w.launch.id === this.id()) ?? null,
  );
  protected readonly waiting = computed(() => {
    const place = this.place();
    return place && IN_LINE.includes(place.status) ? place : null;
  });
  /** Seats came free and are held for this customer: no one else can book them. */
  protected readonly hold = computed(() => {
    const place = this.place();
    return place?.status === 'HOLDING' ? place : null;
  });
  protected readonly soldOut = computed(
    () => this.launch.data()?.launch?.seatsAvailable === 0 && !this.hold(),
  );
  protected readonly seatChoices = computed(() => {
    const left = (this.launch.data()?.launch?.seatsAvailable ?? 0) + (this.hold()?.heldSeats ?? 0);
    const max = this.soldOut() ? MAX_SEATS : Math.min(MAX_SEATS, left);
    return Array.from({ length: max }, (_, i) => i + 1);
  });

  /** "1 seat", "3 seats". */
  protected seatCount(seats: number): string {
    return `${seats} seat${seats === 1 ? '' : 's'}`;
  }

  protected async book(launchId: string): Promise<void> {
    const result = await this.booking.run({
      input: { launchId, seats: this.seats, idempotencyKey: this.idempotencyKey },
    });
    if (!result) return;
    this.placed.set(result.bookSeats);
    this.idempotencyKey = randomId();
    if (result.bookSeats.status !== 'PENDING') this.launch.reload();
    this.places.reload();
  }

  protected startOver(): void {
    this.placed.set(null);
    this.seats = 1;
    this.launch.reload();
    this.places.reload();
  }

  protected async joinWaitlist(launchId: string): Promise<void> {
    if (await this.waitlist.run({ launchId, seats: this.seats })) this.places.reload();
  }
}
