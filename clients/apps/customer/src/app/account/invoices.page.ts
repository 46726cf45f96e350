import { ChangeDetectionStrategy, Component } from '@angular/core';
import { injectQuery } from '@web/shared/data-access';
import { AsyncStateComponent, PageHeaderComponent, StatusBadgeComponent } from '@web/shared/ui';
import { MoneyPipe } from '@web/shared/util';
import { MyInvoicesDocument } from '../generated/graphql';

/** The customer's invoices and credit notes. */
@Component({
  selector: 'app-invoices-page',
  imports: [AsyncStateComponent, PageHeaderComponent, StatusBadgeComponent, MoneyPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Invoices"
      subheading="One for each confirmed booking; refunds appear as credit notes."
    />
    <ui-async
      [loading]="invoices.loading()"
      [error]="invoices.error()"
      [hasData]="!!invoices.data()"
      [empty]="!invoices.data()?.myInvoices?.length"
      emptyTitle="No invoices yet"
      emptyText="An invoice is issued when a booking is confirmed."
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
              <th scope="col" class="num">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            @for (invoice of invoices.data()?.myInvoices; track invoice.id) {
              <tr>
                <td class="mono">{{ invoice.number }}</td>
                <td class="num">{{ invoice.amount | money: invoice.currency }}</td>
                <td><ui-badge [status]="invoice.status" /></td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>
  `,
})
export class InvoicesPage {
  protected readonly invoices = injectQuery(MyInvoicesDocument, () => ({}));
}
