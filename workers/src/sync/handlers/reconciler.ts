import type { OperationalReader } from '../operational/operational.reader';
import { bookingDrift, type BookingCopies } from '../read-model/booking-copies';
import { invoiceDrift, type InvoiceCopies } from '../read-model/invoice-copies';
import { launchDrift, type LaunchCopies } from '../read-model/launch-copies';
import {
  bookingFromRecord,
  invoiceFromRecord,
  launchFromRecord,
  waitlistFromRecord,
} from '../read-model/states';
import { waitlistDrift, type WaitlistCopies } from '../read-model/waitlist-copies';

/** How many rows of each kind a sweep compared and repaired. */
export type ReconcileReport = Record<
  'launch' | 'booking' | 'invoice' | 'waitlist',
  { compared: number; repaired: number }
>;

const PAGE = 500;

/**
 * The reconciliation sweep: walks PostgreSQL's launches, bookings, customer
 * invoices and waitlist entries page by page and repairs every copy in the
 * customer store that differs, whatever made it drift (a lost event, a write
 * that raced, a hand edit). The customer store is read before PostgreSQL and a
 * repair only lands if the copy was not written meanwhile, so a sweep never
 * overwrites a newer copy with what it read earlier.
 */
export class Reconciler {
  constructor(
    private readonly operational: OperationalReader,
    private readonly launches: LaunchCopies,
    private readonly bookings: BookingCopies,
    private readonly invoices: InvoiceCopies,
    private readonly waitlist: WaitlistCopies,
    private readonly clock: () => Date,
  ) {}

  async sweep(): Promise<ReconcileReport> {
    return {
      launch: await this.walk(
        (after) => this.operational.launchPage(after, PAGE),
        (ids) => this.launches.findByIds(ids),
        async (row, copy) => {
          if (!launchDrift(copy, launchFromRecord(row), row.rocketName)) return false;
          return this.launches.repair(launchFromRecord(row), row.rocketName, copy, this.clock());
        },
      ),
      booking: await this.walk(
        (after) => this.operational.bookingPage(after, PAGE),
        (ids) => this.bookings.findByIds(ids),
        async (row, copy) => {
          const state = bookingFromRecord(row);
          return bookingDrift(copy, state) && this.bookings.repair(state, copy, this.clock());
        },
      ),
      invoice: await this.walk(
        (after) => this.operational.customerInvoicePage(after, PAGE),
        (ids) => this.invoices.findByIds(ids),
        async (row, copy) => {
          const state = invoiceFromRecord(row);
          return invoiceDrift(copy, state) && this.invoices.repair(state, copy, this.clock());
        },
      ),
      waitlist: await this.walk(
        (after) => this.operational.waitlistPage(after, PAGE),
        (ids) => this.waitlist.findByIds(ids),
        async (row, copy) => {
          const state = waitlistFromRecord(row);
          return (
            copy !== undefined &&
            waitlistDrift(copy, state) &&
            this.waitlist.repair(state, copy, this.clock())
          );
        },
      ),
    };
  }

  private async walk<Row extends { id: string }, Copy>(
    page: (afterId: string | undefined) => Promise<Row[]>,
    copies: (ids: string[]) => Promise<Map<string, Copy>>,
    repair: (row: Row, copy: Copy | undefined) => Promise<boolean>,
  ): Promise<{ compared: number; repaired: number }> {
    let compared = 0;
    let repaired = 0;
    let after: string | undefined;
    for (;;) {
      const range = await page(after);
      if (range.length === 0) break;
      // The copies first, then PostgreSQL's rows again to compare: see the class comment.
      const seen = await copies(range.map((row) => row.id));
      const rows = await page(after);
      for (const row of rows) {
        compared += 1;
        if (await repair(row, seen.get(row.id))) repaired += 1;
      }
      after = rows.at(-1)?.id;
      if (rows.length < PAGE || after === undefined) break;
    }
    return { compared, repaired };
  }
}
