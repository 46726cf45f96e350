import { ChangeDetectionStrategy, Component } from '@angular/core';
import { injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  OccupancyComponent,
  PageHeaderComponent,
  StatusBadgeComponent,
} from '@web/shared/ui';
import { DateTimePipe, MoneyPipe } from '@web/shared/util';
import { ReportsDocument } from '../generated/graphql';

/** Occupancy and revenue, per launch and per supplier. */
@Component({
  selector: 'app-reports-page',
  imports: [
    AsyncStateComponent,
    OccupancyComponent,
    PageHeaderComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Reports"
      subheading="Occupancy and revenue: what bookings kept, after refunds."
    />
    <ui-async
      [loading]="reports.loading()"
      [error]="reports.error()"
      [hasData]="!!reports.data()"
      [empty]="!reports.data()?.supplierReports?.length && !reports.data()?.launchReports?.length"
      emptyTitle="Nothing to report yet"
      emptyText="Reports fill in as suppliers schedule launches and customers book."
      (retry)="reports.reload()"
    >
      <section aria-labelledby="suppliers-title">
        <h2 id="suppliers-title">Per supplier</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                <th scope="col" class="num">Launches</th>
                <th scope="col">Occupancy</th>
                <th scope="col" class="num">Revenue</th>
              </tr>
            </thead>
            <tbody>
              @for (r of reports.data()?.supplierReports; track r.supplier.id) {
                <tr>
                  <td>{{ r.supplier.name }}</td>
                  <td class="num">{{ r.launches }}</td>
                  <td><ui-occupancy [sold]="r.seatsSold" [capacity]="r.seatCapacity" /></td>
                  <td class="num">
                    @for (m of r.revenue; track m.currency) {
                      <div>{{ m.amount | money: m.currency }}</div>
                    } @empty {
                      —
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="launches-title" class="launches">
        <h2 id="launches-title">Per launch</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Mission</th>
                <th scope="col">Supplier</th>
                <th scope="col">Departure</th>
                <th scope="col">Status</th>
                <th scope="col">Occupancy</th>
                <th scope="col" class="num">Bookings</th>
                <th scope="col" class="num">Revenue</th>
                <th scope="col" class="num">Refunded</th>
              </tr>
            </thead>
            <tbody>
              @for (r of reports.data()?.launchReports; track r.launch.id) {
                <tr>
                  <td>{{ r.launch.mission }}</td>
                  <td>{{ r.launch.supplier.name }}</td>
                  <td class="nowrap">{{ r.launch.scheduledAt | dateTime: 'date' }}</td>
                  <td><ui-badge [status]="r.launch.status" /></td>
                  <td><ui-occupancy [sold]="r.seatsSold" [capacity]="r.seatCapacity" /></td>
                  <td class="num">{{ r.confirmedBookings }}</td>
                  <td class="num">{{ r.revenue | money: r.currency }}</td>
                  <td class="num">{{ r.refunded | money: r.currency }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>
    </ui-async>
  `,
  styles: `
    .launches {
      margin-top: 2rem;
    }
  `,
})
export class ReportsPage {
  protected readonly reports = injectQuery(ReportsDocument, () => ({}));
}
