import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { DateTimePipe, MoneyPipe } from '@web/shared/util';
import type { MyBookingsQuery } from '../generated/graphql';

export type RefundQuote = MyBookingsQuery['myBookings'][number]['refundIfCancelledNow'];

/** What cancelling a booking now would refund, as the Customer subgraph quotes it. */
@Component({
  selector: 'app-refund-quote',
  imports: [DateTimePipe, MoneyPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let q = quote();
    <p class="quote" role="status" aria-live="polite">
      @if (!q.cancellable) {
        {{ q.reason }}
      } @else if (q.amount) {
        Cancelling now refunds <strong>{{ q.amount | money: q.currency }}</strong> ({{ q.percent }}
        %).
        @if (q.validUntil) {
          <span class="muted">That holds if you cancel by {{ q.validUntil | dateTime }}.</span>
        }
      } @else {
        Cancelling now refunds <strong>nothing</strong> ({{ q.percent }} %).
      }
    </p>
  `,
  styles: `
    .quote {
      font-size: 1.05rem;
    }
  `,
})
export class RefundQuoteComponent {
  readonly quote = input.required<RefundQuote>();
}
