import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  OccupancyComponent,
  PageHeaderComponent,
  StatusBadgeComponent,
} from '@web/shared/ui';
import { DateTimePipe, MoneyPipe } from '@web/shared/util';
import { MyLaunchesDocument } from '../generated/graphql';

/** One launch's passenger manifest and occupancy. */
@Component({
  selector: 'app-manifest-page',
  imports: [
    RouterLink,
    AsyncStateComponent,
    OccupancyComponent,
    PageHeaderComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/launches">← Launches</a></p>
    <ui-async
      [loading]="launches.loading()"
      [error]="launches.error()"
      [hasData]="!!launches.data()"
      [empty]="!launch()"
      emptyTitle="Launch not found"
      emptyText="It is not one of your launches."
      (retry)="launches.reload()"
    >
      @if (launch(); as l) {
        <ui-page-header
          [heading]="l.mission"
          [subheading]="l.destination + ' · ' + (l.scheduledAt | dateTime)"
        >
          <ui-badge [status]="l.status" />
        </ui-page-header>
        <div class="grid summary">
          <div class="card stat">
            <span class="stat-label">Occupancy</span>
            <ui-occupancy [sold]="l.seatsSold" [capacity]="l.seatCapacity" />
          </div>
          <div class="card stat">
            <span class="stat-label">Seats left</span>
            <span class="stat-value">{{ l.seatsAvailable }}</span>
          </div>
          <div class="card stat">
            <span class="stat-label">Passengers</span>
            <span class="stat-value">{{ passengers().length }}</span>
          </div>
          <div class="card stat">
            <span class="stat-label">Per seat</span>
            <span class="stat-value">{{ l.pricePerSeat | money: l.currency }}</span>
          </div>
        </div>
        @if (l.statusReason) {
          <p class="notice notice-warning">{{ l.statusReason }}</p>
        }
        <h2>Passenger manifest</h2>
        @if (passengers().length === 0) {
          <div class="card empty muted">No confirmed passengers yet.</div>
        } @else {
          <div class="table-wrap">
            <table class="table">
              <caption class="sr-only">
                Confirmed passengers of
                {{
                  l.mission
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Passenger</th>
                  <th scope="col" class="num">Seats</th>
                  <th scope="col">Booked</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                @for (b of passengers(); track b.id) {
                  <tr>
                    <td>{{ b.customer.email }}</td>
                    <td class="num">{{ b.seats }}</td>
                    <td class="nowrap">{{ b.createdAt | dateTime }}</td>
                    <td><ui-badge [status]="b.status" /></td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
        @if (others().length > 0) {
          <details class="others">
            <summary>
              {{ others().length }} other booking{{ others().length === 1 ? '' : 's' }} (pending,
              cancelled, rejected)
            </summary>
            <ul>
              @for (b of others(); track b.id) {
                <li>
                  {{ b.customer.email }} · {{ b.seats }} seat{{ b.seats === 1 ? '' : 's' }} ·
                  <ui-badge [status]="b.status" />
                </li>
              }
            </ul>
          </details>
        }
      }
    </ui-async>
  `,
  styles: `
    .summary {
      grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
      margin-bottom: 1.5rem;
    }
    .empty {
      padding: 1.5rem;
      text-align: center;
    }
    .others {
      margin-top: 1rem;
    }
    .others ul {
      padding-left: 1.2rem;
    }
  `,
})
export class ManifestPage {
  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected readonly launches = injectQuery(MyLaunchesDocument, () => ({}));
  protected readonly launch = computed(
    () => this.launches.data()?.myLaunches.find((l) => l.id === this.id()) ?? null,
  );
  protected readonly passengers = computed(
    () => this.launch()?.bookings.filter((b) => b.status === 'CONFIRMED') ?? [],
  );
  protected readonly others = computed(
    () => this.launch()?.bookings.filter((b) => b.status !== 'CONFIRMED') ?? [],
  );
}
