import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { provideApiTesting } from '@web/shared/data-access/testing';
import type { AllBookingsQuery } from '../generated/graphql';
import { BookingsPage } from './bookings.page';

const GATEWAY = 'http://gateway.test/graphql';
type Node = AllBookingsQuery['bookings']['edges'][number]['node'];

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function node(id: string, email: string): Node {
  return {
    id,
    seats: 1,
    status: 'CONFIRMED',
    totalPrice: 100_00,
    currency: 'USD',
    createdAt: '2030-01-01T00:00:00Z',
    refundAmount: null,
    launch: { id: `launch-${id}`, mission: `Mission ${id}`, scheduledAt: '2030-03-01T00:00:00Z' },
    customer: { id: `user-${email}`, email },
  };
}

const answer = (nodes: Node[]): AllBookingsQuery => ({
  bookings: {
    totalCount: nodes.length,
    edges: nodes.map((n) => ({ cursor: `c-${n.id}`, node: n })),
    pageInfo: { hasNextPage: false, endCursor: null },
  },
});

describe('Employee BookingsPage: the search runs on the server', () => {
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

  /** The search variable of the AllBookings request sent, answered with `nodes`. */
  async function nextSearch(nodes: Node[]): Promise<unknown> {
    fixture.detectChanges();
    await settle();
    const request = http.expectOne(GATEWAY);
    const body = request.request.body as { variables: { search?: unknown } };
    request.flush({ data: answer(nodes) });
    await settle();
    fixture.detectChanges();
    return body.variables.search;
  }

  async function type(selector: string, value: string): Promise<void> {
    const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    fixture.detectChanges();
    await fixture.whenStable();
  }

  it('lists every booking, then sends what is searched for and shows what the server found', async () => {
    expect(await nextSearch([node('a', 'ada@x.test'), node('b', 'bo@x.test')])).toBeNull();
    expect(el.querySelectorAll('tbody tr')).toHaveLength(2);

    await type('#search', '  artemis ');
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(await nextSearch([node('b', 'bo@x.test')])).toEqual({
      text: 'artemis',
      status: null,
      customerId: null,
    });
    expect(el.querySelectorAll('tbody tr')).toHaveLength(1);

    await type('#status', '2: CONFIRMED');
    expect(await nextSearch([node('b', 'bo@x.test')])).toEqual({
      text: 'artemis',
      status: 'CONFIRMED',
      customerId: null,
    });

    el.querySelector<HTMLButtonElement>('td button.link')!.click();
    expect(await nextSearch([node('b', 'bo@x.test')])).toEqual({
      text: 'artemis',
      status: 'CONFIRMED',
      customerId: 'user-bo@x.test',
    });
    expect(el.textContent).toContain('Only the bookings of bo@x.test.');

    const showAll = Array.from(el.querySelectorAll('form button')).find(
      (button) => button.textContent?.trim() === 'Show all',
    ) as HTMLButtonElement;
    showAll.click();
    expect(await nextSearch([])).toBeNull();
    expect(el.textContent).toContain('No bookings yet');
  });

  it('sends no search of a single character', async () => {
    await nextSearch([node('a', 'ada@x.test')]);
    await type('#search', 'a');
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    await settle();
    http.expectNone(GATEWAY);
  });
});
