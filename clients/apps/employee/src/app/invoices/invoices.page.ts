import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ConfirmDialogComponent,
  ErrorBannerComponent,
  NoticeComponent,
  PageHeaderComponent,
  ReasonDialogComponent,
  StatusBadgeComponent,
  type ReasonDialogResult,
} from '@web/shared/ui';
import { DateTimePipe, MoneyPipe } from '@web/shared/util';
import {
  AllInvoicesDocument,
  MarkInvoicePaidDocument,
  MarkInvoiceVoidDocument,
  type AllInvoicesQuery,
  type InvoiceKind,
  type InvoiceStatus,
} from '../generated/graphql';

type Invoice = AllInvoicesQuery['invoices'][number];

/** Every invoice, customers' and suppliers': marking them paid or void. */
@Component({
  selector: 'app-invoices-page',
  imports: [
    FormsModule,
    AsyncStateComponent,
    ConfirmDialogComponent,
    ErrorBannerComponent,
    NoticeComponent,
    PageHeaderComponent,
    ReasonDialogComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Invoices"
      subheading="Customer invoices per booking, supplier invoices per successful launch."
    />
    <form class="card filters form-grid" aria-label="Filter invoices">
      <div class="field">
        <label for="kind">Kind</label>
        <select id="kind" name="kind" [ngModel]="kind()" (ngModelChange)="kind.set($event)">
          <option [ngValue]="null">Customers and suppliers</option>
          <option [ngValue]="'CUSTOMER'">Customer invoices</option>
          <option [ngValue]="'SUPPLIER'">Supplier invoices</option>
        </select>
      </div>
      <div class="field">
        <label for="status">Status</label>
        <select id="status" name="status" [ngModel]="status()" (ngModelChange)="status.set($event)">
          <option [ngValue]="null">Any status</option>
          <option [ngValue]="'ISSUED'">Issued</option>
          <option [ngValue]="'PAID'">Paid</option>
          <option [ngValue]="'VOID'">Void</option>
        </select>
      </div>
    </form>
    <ui-notice [message]="notice()" />
    <ui-async
      [loading]="invoices.loading()"
      [error]="invoices.error()"
      [hasData]="!!invoices.data()"
      [empty]="!invoices.data()?.invoices?.length"
      emptyTitle="No invoices here"
      (retry)="invoices.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Invoices
          </caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Billed</th>
              <th scope="col">For</th>
              <th scope="col">Issued</th>
              <th scope="col" class="num">Amount</th>
              <th scope="col">Status</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (i of invoices.data()?.invoices; track i.id) {
              <tr>
                <td class="mono">
                  {{ i.number }}
                  <div class="muted small">{{ i.kind.toLowerCase() }}</div>
                </td>
                <td>{{ billed(i) }}</td>
                <td>{{ i.launch?.mission ?? i.booking?.launch?.mission ?? '—' }}</td>
                <td class="nowrap">{{ i.issuedAt | dateTime: 'date' }}</td>
                <td class="num">{{ i.amount | money: i.currency }}</td>
                <td>
                  <ui-badge [status]="i.status" />
                  @if (i.voidReason) {
                    <div class="muted small">{{ i.voidReason }}</div>
                  }
                </td>
                <td class="actions">
                  @if (i.status === 'ISSUED') {
                    <button type="button" class="btn btn-small" (click)="open('paid', i)">
                      Mark paid<span class="sr-only"> {{ i.number }}</span>
                    </button>
                    <button type="button" class="btn btn-small" (click)="open('void', i)">
                      Void<span class="sr-only"> {{ i.number }}</span>
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>

    <ui-confirm-dialog
      [open]="action()?.kind === 'paid'"
      heading="Mark this invoice paid?"
      confirmLabel="Mark paid"
      cancelLabel="Cancel"
      tone="primary"
      [busy]="paid.pending()"
      (confirmed)="markPaid()"
      (cancelled)="action.set(null)"
    >
      @if (action(); as a) {
        <p>
          {{ a.invoice.number }}: {{ a.invoice.amount | money: a.invoice.currency }} from
          {{ billed(a.invoice) }}.
        </p>
      }
      <ui-error [message]="paid.error()?.message" />
    </ui-confirm-dialog>

    <ui-reason-dialog
      [open]="action()?.kind === 'void'"
      heading="Void this invoice?"
      confirmLabel="Void invoice"
      reasonLabel="Why it no longer stands"
      [busy]="voided.pending()"
      [error]="voided.error()?.message"
      (confirmed)="markVoid($event)"
      (cancelled)="action.set(null)"
    >
      <p>{{ action()?.invoice?.number }}</p>
    </ui-reason-dialog>
  `,
  styles: `
    .filters {
      margin-bottom: 1rem;
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
export class InvoicesPage {
  protected readonly kind = signal<InvoiceKind | null>(null);
  protected readonly status = signal<InvoiceStatus | null>(null);
  protected readonly action = signal<{ kind: 'paid' | 'void'; invoice: Invoice } | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly invoices = injectQuery(AllInvoicesDocument, () => ({
    kind: this.kind(),
    status: this.status(),
  }));
  protected readonly paid = injectMutation(MarkInvoicePaidDocument);
  protected readonly voided = injectMutation(MarkInvoiceVoidDocument);

  protected billed(invoice: Invoice): string {
    return invoice.supplier?.name ?? invoice.booking?.customer.email ?? '—';
  }

  protected open(kind: 'paid' | 'void', invoice: Invoice): void {
    this.notice.set(null);
    this.paid.reset();
    this.voided.reset();
    this.action.set({ kind, invoice });
  }

  protected async markPaid(): Promise<void> {
    const invoice = this.action()?.invoice;
    if (!invoice) return;
    if (await this.paid.run({ id: invoice.id })) this.finish(`${invoice.number} is paid.`);
  }

  protected async markVoid(result: ReasonDialogResult): Promise<void> {
    const invoice = this.action()?.invoice;
    if (!invoice) return;
    if (await this.voided.run({ id: invoice.id, reason: result.reason })) {
      this.finish(`${invoice.number} is void.`);
    }
  }

  private finish(message: string): void {
    this.action.set(null);
    this.notice.set(message);
    this.invoices.reload();
  }
}
