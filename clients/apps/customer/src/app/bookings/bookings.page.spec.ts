import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { provideApiTesting } from '@web/shared/data-access/testing';
import type { MyBookingsQuery } from '../generated/graphql';
import { BookingsPage } from './bookings.page';

const GATEWAY = 'http://gateway.test/graphql';
type Booking = MyBookingsQuery['myBookings'][number];

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function booking(id: string, quote: Partial<Booking['refundIfCancelledNow']>): Booking {
  return {
    id,
    status: 'CONFIRMED',
    seats: 2,
    totalPrice: 500_000_00,
    currency: 'USD',
    rejectionReason: null,
    refundAmount: null,
    launch: { id: `launch-${id}`, mission: `Mission ${id}`, scheduledAt: '2030-02-15T12:00:00Z' },
    refundIfCancelledNow: {
      cancellable: true,
      reason: null,
      percent: 50,
      amount: 250_000_00,
      currency: 'USD',
      validUntil: '2030-02-08T12:00:00.000Z',
      ...quote,
    },
  };
}

describe('BookingsPage: cancelling with the refund quoted for now', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<BookingsPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), ...provideApiTesting(GATEWAY)],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BookingsPage);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  /** Answers every request for `operation` that is waiting, and renders the page. */
  async function answer(operation: string, data: object): Promise<void> {
    fixture.detectChanges();
    await settle();
    const requests = http.match(
      (request) => (request.body as { operationName?: string }).operationName === operation,
    );
    expect(requests.length).toBeGreaterThan(0);
    requests.forEach((request: TestRequest) => request.flush({ data }));
    await settle();
    fixture.detectChanges();
  }

  async function openPage(bookings: Booking[]): Promise<HTMLDialogElement> {
    await answer('MyBookings', { myBookings: bookings });
    await answer('MyWaitlist', { myWaitlist: [] });
    return el.querySelector('ui-confirm-dialog dialog') as HTMLDialogElement;
  }

  it('offers to cancel only what the server says can be, and quotes the refund as the dialog opens', async () => {
    const dialog = await openPage([
      booking('a', { percent: 100, amount: 500_000_00 }),
      booking('b', {
        cancellable: false,
        reason: 'The launch has departed: its bookings can no longer be cancelled',
        percent: null,
        amount: null,
        validUntil: null,
      }),
    ]);
    const cancelButtons = Array.from(el.querySelectorAll('td.actions button'));
    expect(cancelButtons.map(text)).toEqual(['Cancel booking for Mission a']);

    (cancelButtons[0] as HTMLButtonElement).click();
    // The quote is read again for the instant the dialog opens: it has fallen to half meanwhile.
    await answer('MyBookings', { myBookings: [booking('a', {}), booking('b', {})] });
    expect(dialog.open).toBe(true);
    const quote = text(dialog.querySelector('app-refund-quote'));
    expect(quote).toMatch(
      /^Cancelling now refunds \$250,000\.00 \(50 %\)\. That holds if you cancel by /,
    );
    expect(quote).toContain('2030');
    const confirm = dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(confirm.disabled).toBe(false);
  });

  it('says why, and keeps the confirm button off, when the booking can no longer be cancelled', async () => {
    const dialog = await openPage([booking('a', { percent: 0, amount: 0, validUntil: null })]);
    expect((el.querySelector('td.actions button') as HTMLButtonElement).textContent).toContain(
      'Cancel',
    );
    (el.querySelector('td.actions button') as HTMLButtonElement).click();
    await answer('MyBookings', {
      myBookings: [booking('a', { percent: 0, amount: 0, validUntil: null })],
    });
    expect(text(dialog.querySelector('app-refund-quote'))).toBe(
      'Cancelling now refunds nothing (0 %).',
    );

    // The launch left (or was called off) before the customer confirmed.
    el.querySelector<HTMLButtonElement>('ui-confirm-dialog button[type="button"]')!.click();
    fixture.detectChanges();
    const departed = booking('a', {
      cancellable: false,
      reason: 'The launch is launched: its bookings can no longer be cancelled',
      percent: null,
      amount: null,
      validUntil: null,
    });
    (el.querySelector('td.actions button') as HTMLButtonElement).click();
    await answer('MyBookings', { myBookings: [departed] });
    expect(text(dialog.querySelector('app-refund-quote'))).toBe(
      'The launch is launched: its bookings can no longer be cancelled',
    );
    expect(dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    expect(el.querySelector('td.actions button')).toBeNull();
  });

  it('says how many of the seats waited for are held, when seats come free', async () => {
    await answer('MyBookings', { myBookings: [] });
    const entry = (id: string, seats: number, heldSeats: number | null, status = 'HOLDING') => ({
      id,
      seats,
      status,
      position: null,
      heldSeats,
      holdExpiresAt: status === 'HOLDING' ? '2030-02-01T10:00:00Z' : null,
      launch: { id: `launch-${id}`, mission: `Mission ${id}`, scheduledAt: '2030-02-15T12:00:00Z' },
    });
    await answer('MyWaitlist', {
      myWaitlist: [
        entry('all', 3, 3),
        entry('some', 3, 1),
        entry('one', 1, 1),
        entry('wait', 2, null, 'WAITING'),
      ],
    });
    const held = Array.from(el.querySelectorAll('td a'))
      .map(text)
      .filter((link) => link.includes('held'));
    expect(held).toEqual([
      'Your seats are held for you',
      '1 of the 3 seats you wait for is held for you',
      'Your seat is held for you',
    ]);
  });
});
