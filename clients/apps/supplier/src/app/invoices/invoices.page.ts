import { ChangeDetectionStrategy, Component } from '@angular/core';
import { injectQuery } from '@web/shared/data-access';
import { AsyncStateComponent, PageHeaderComponent, StatusBadgeComponent } from '@web/shared/ui';
import { DateTimePipe, MoneyPipe } from '@web/shared/util';
import { InvoicesDocument } from '../generated/graphql';

/** What AstroBookings owes the supplier: one invoice per successful launch, net of commission. */
@Component({
  selector: 'app-invoices-page',
  imports: [
    AsyncStateComponent,
    PageHeaderComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Invoices"
      subheading="One for each successful launch: its bookings less the platform's commission."
    />
    <ui-async
      [loading]="invoices.loading()"
      [error]="invoices.error()"
      [hasData]="!!invoices.data()"
      [empty]="!invoices.data()?.invoices?.length"
      emptyTitle="No invoices yet"
      emptyText="An invoice is issued when a launch is marked successful."
      (retry)="invoices.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Your invoices
          </caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Launch</th>
              <th scope="col">Issued</th>
              <th scope="col" class="num">Bookings</th>
              <th scope="col" class="num">Commission</th>
              <th scope="col" class="num">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            @for (i of invoices.data()?.invoices; track i.id) {
              <tr>
                <td class="mono">{{ i.number }}</td>
                <td>{{ i.launch?.mission ?? '—' }}</td>
                <td class="nowrap">{{ i.issuedAt | dateTime: 'date' }}</td>
                <td class="num">{{ i.grossAmount | money: i.currency }}</td>
                <td class="num">
                  {{ i.commissionAmount | money: i.currency }}
                  @if (i.commissionPercent !== null) {
                    <span class="muted">({{ i.commissionPercent }}%)</span>
                  }
                </td>
                <td class="num">
                  <strong>{{ i.amount | money: i.currency }}</strong>
                </td>
                <td>
                  <ui-badge [status]="i.status" />
                  @if (i.paidAt) {
                    <div class="muted small">{{ i.paidAt | dateTime: 'date' }}</div>
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
    .small {
      font-size: 0.85rem;
    }
  `,
})
export class InvoicesPage {
  protected readonly invoices = injectQuery(InvoicesDocument, () => ({}));
}
