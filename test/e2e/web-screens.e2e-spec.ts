import type { Browser, Page } from 'playwright-core';
import {
  launchChromium,
  localDateTime,
  newPage,
  openSection,
  reloadUntilVisible,
  repeatedIds,
  row,
  Screenshots,
  signIn,
  webAppsUrl,
} from '../support/browser';
import { eventually } from '../support/eventually';
import { gql } from '../support/graphql';
import { TestSmtpServer } from '../support/smtp';
import { startStack, type Stack } from '../support/stack';
import {
  call,
  OPERATIONS,
  uniqueLabel,
  World,
  WORLD_EMPLOYEE,
  WORLD_ENV,
  WORLD_PASSWORD,
  type ScheduledLaunch,
  type Session,
  type SupplierFleet,
} from '../support/world';

/**
 * The screens the web journey does not cross, each driven in Debian's Chromium
 * as a person would, then checked through the API: rescheduling and cancelling
 * launches (supplier and employee apps), editing a rocket and a spaceport,
 * voiding an invoice, joining a waitlist and booking the seats it holds once
 * they free up, retrying a failed email and following the logs live (ops app).
 * The data each screen starts from is made through the gateway. Screenshots go
 * to test-results/web-screens/.
 */

const SYNC_MS = 45_000;

const Q = {
  myLaunches: `query MyLaunches { myLaunches { id mission status statusReason scheduledAt } }`,
  allLaunches: `query AllLaunches { allLaunches(first: 100) { edges { node { id status statusReason scheduledAt } } } }`,
  onSale: `query OnSale($id: ID!) { launch(id: $id) { id status scheduledAt rocketName spaceport { name location } } }`,
  myRockets: `query MyRockets { myRockets { id name capacity } }`,
  invoices: `query Invoices { invoices(kind: CUSTOMER) { id number status voidReason booking { id } } }`,
  myInvoices: `query MyInvoices { myInvoices { id status } }`,
  myBookings: `query MyBookings { myBookings { id status seats refundAmount totalPrice launch { id } } }`,
  myWaitlist: `query MyWaitlist { myWaitlist { id status seats heldSeats launch { id } } }`,
  cancelMyBooking: `mutation CancelMyBooking($id: ID!) { cancelMyBooking(id: $id) { id status } }`,
  notificationStatuses: `query NotificationStatuses { notificationStatuses(first: 500) { id recipient subject status manualRetries } }`,
} as const;

interface LaunchOnSale {
  status: string;
  scheduledAt: string;
  rocketName: string | null;
  spaceport: { name: string; location: string };
}

interface Booking {
  id: string;
  status: string;
  seats: number;
  refundAmount: number | null;
  totalPrice: number;
  launch: { id: string };
}

let stack: Stack;
let smtp: TestSmtpServer;
let browser: Browser;
let web: string;
let world: World;
let shots: Screenshots;
let employee: Session;
let operator: Session;
let fleet: SupplierFleet;
let spaceportId: string;

function query<T>(operation: string, session: Session, variables = {}): Promise<T> {
  return call<T>(stack.urls.gateway, operation, variables, { token: session.accessToken });
}

/** The customer's bookings as the Customer subgraph answers them. */
async function bookingsOf(customer: Session): Promise<Booking[]> {
  return (await query<{ myBookings: Booking[] }>(Q.myBookings, customer)).myBookings;
}

/** Books `seats` on a launch through the API and waits until PostgreSQL has confirmed them. */
async function book(customer: Session, launch: ScheduledLaunch, seats = 1): Promise<Booking> {
  await query(OPERATIONS.bookSeats, customer, {
    input: { launchId: launch.id, seats, idempotencyKey: uniqueLabel('key') },
  });
  return eventually(
    async () =>
      (await bookingsOf(customer)).find(
        (b) => b.launch.id === launch.id && b.status === 'CONFIRMED',
      ),
    { timeoutMs: SYNC_MS, intervalMs: 300, what: `a confirmed booking on ${launch.mission}` },
  );
}

async function launchOnSale(options: { seats?: number } = {}): Promise<ScheduledLaunch> {
  const launch = await world.scheduleLaunch(fleet, spaceportId, { daysAhead: 60, ...options });
  await world.untilOnSale([launch.id], employee.accessToken, SYNC_MS);
  return launch;
}

/** Waits until the launch customers see (the Customer subgraph's copy) passes `check`. */
async function customersSee(
  launch: ScheduledLaunch,
  check: (seen: LaunchOnSale | null) => boolean,
): Promise<void> {
  let seen: LaunchOnSale | null = null;
  await eventually(
    async () => {
      ({ launch: seen } = await query<{ launch: LaunchOnSale | null }>(Q.onSale, employee, {
        id: launch.id,
      }));
      return check(seen) || undefined;
    },
    {
      timeoutMs: SYNC_MS,
      intervalMs: 300,
      what: `customers to see the change of ${launch.mission}`,
    },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; they see ${JSON.stringify(seen)}`);
  });
}

/** The email to `address` whose text mentions every one of `texts`. */
function mailTo(address: string, ...texts: string[]) {
  return eventually(
    () => smtp.to(address).find((mail) => texts.every((text) => mail.text.includes(text))),
    { timeoutMs: SYNC_MS, intervalMs: 200, what: `an email to ${address} about ${texts[0]}` },
  );
}

/** A signed-in page of one app, for one test. */
async function signedIn(app: string, email: string, password = WORLD_PASSWORD): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, web, app, email, password);
  return page;
}

/** A screenshot of the page as it is, which must not repeat an element id. */
async function look(page: Page, name: string): Promise<void> {
  await shots.take(page, name);
  expect(await repeatedIds(page)).toEqual([]);
}

/**
 * A test whose body opens its page with `keep`; a failure keeps that page (image
 * and DOM) beside the screenshots, and the page closes after the test.
 */
function screen(name: string, slug: string, body: (keep: (page: Page) => Page) => Promise<void>) {
  it(name, async () => {
    let page: Page | undefined;
    try {
      await body((opened) => (page = opened));
    } catch (error) {
      if (page) await shots.keepFailed(page, slug);
      throw error;
    } finally {
      await page?.context().close();
    }
  });
}

beforeAll(async () => {
  shots = new Screenshots('web-screens');
  smtp = await TestSmtpServer.start();
  stack = await startStack({
    name: 'web_screens',
    // Not 6000: browsers and Node's fetch refuse it (X11's port).
    portBase: 6010,
    env: {
      ...WORLD_ENV,
      LOG_LEVEL: 'info',
      LOG_SHIPPING_INTERVAL_MS: '200',
      SMTP_URL: smtp.url,
    },
  });
  web = webAppsUrl(stack);
  world = new World(stack.urls.gateway);
  browser = await launchChromium();
  employee = await world.employee();
  spaceportId = await world.spaceport(employee);
  fleet = await world.supplier(employee, 4);
  operator = await world.staff(employee, 'OPERATOR');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await smtp?.stop();
});

describe('web screens', () => {
  screen(
    'supplier: reschedules a launch and cancels another; passengers are told why',
    'supplier-launches',
    async (keep) => {
      const [passenger] = await world.customers(1);
      const moved = await launchOnSale();
      const dropped = await launchOnSale();
      await book(passenger, moved);
      await book(passenger, dropped);

      const page = keep(await signedIn('supplier', fleet.session.user.email));
      await page.getByRole('heading', { name: 'Launches' }).waitFor();
      await row(page, moved.mission, 'scheduled').waitFor();

      await row(page, moved.mission)
        .getByRole('button', { name: /Reschedule/ })
        .click();
      const reschedule = page.getByRole('dialog', { name: 'Reschedule this launch' });
      // The dialog starts at the current departure.
      expect(await reschedule.getByLabel('New departure').inputValue()).toBe(
        moved.scheduledAt.slice(0, 16),
      );
      await reschedule.getByLabel(/^Reason/).fill('Weather over the range');
      // Earlier is refused, and the dialog stays open to say why.
      await reschedule.getByLabel('New departure').fill(localDateTime(30));
      await reschedule.getByRole('button', { name: 'Reschedule' }).click();
      await reschedule
        .getByText('A delay moves the launch to a later time in the future')
        .waitFor();
      const departure = localDateTime(75);
      await reschedule.getByLabel('New departure').fill(departure);
      await look(page, 'supplier-reschedule');
      await reschedule.getByRole('button', { name: 'Reschedule' }).click();
      await page.getByText(`${moved.mission} is rescheduled; its passengers are told.`).waitFor();
      await reschedule.waitFor({ state: 'hidden' });
      await row(page, moved.mission, 'delayed').waitFor();

      await row(page, dropped.mission)
        .getByRole('button', { name: /Cancel/ })
        .click();
      const cancel = page.getByRole('dialog', { name: 'Cancel this launch?' });
      await cancel.getByText(dropped.mission).waitFor();
      // Escape changes its mind: nothing is cancelled, and the dialog opens blank again.
      await cancel.getByLabel(/^Reason/).fill('Second thoughts');
      await page.keyboard.press('Escape');
      await cancel.waitFor({ state: 'hidden' });
      await row(page, dropped.mission, 'scheduled').waitFor();
      await row(page, dropped.mission)
        .getByRole('button', { name: /Cancel/ })
        .click();
      expect(await cancel.getByLabel(/^Reason/).inputValue()).toBe('');
      // No reason, no cancelling.
      expect(await cancel.getByRole('button', { name: 'Cancel launch' }).isDisabled()).toBe(true);
      await cancel.getByLabel(/^Reason/).fill('Rocket grounded');
      await cancel.getByRole('button', { name: 'Cancel launch' }).click();
      await page.getByText(`${dropped.mission} is cancelled; its bookings are refunded.`).waitFor();
      await row(page, dropped.mission, 'cancelled').waitFor();
      // A cancelled launch cannot be changed again.
      expect(await row(page, dropped.mission).getByRole('button').count()).toBe(0);
      await look(page, 'supplier-launches-changed');

      const { myLaunches } = await query<{
        myLaunches: { id: string; status: string; statusReason: string; scheduledAt: string }[];
      }>(Q.myLaunches, fleet.session);
      expect(myLaunches.find((l) => l.id === moved.id)).toMatchObject({
        status: 'DELAYED',
        statusReason: 'Weather over the range',
        scheduledAt: new Date(`${departure}Z`).toISOString(),
      });
      expect(myLaunches.find((l) => l.id === dropped.id)).toMatchObject({
        status: 'CANCELLED',
        statusReason: 'Rocket grounded',
      });
      await customersSee(
        moved,
        (seen) => seen?.scheduledAt === new Date(`${departure}Z`).toISOString(),
      );
      await customersSee(dropped, (seen) => seen?.status === 'CANCELLED');
      await mailTo(passenger.user.email, moved.mission, 'Weather over the range');
      await mailTo(passenger.user.email, dropped.mission, 'Rocket grounded');
      const refunded = await eventually(
        async () =>
          (await bookingsOf(passenger)).find(
            (b) => b.launch.id === dropped.id && b.status === 'CANCELLED',
          ),
        { timeoutMs: SYNC_MS, intervalMs: 300, what: 'the booking on the cancelled launch' },
      );
      expect(refunded.refundAmount).toBe(refunded.totalPrice);
    },
  );

  screen('employee: reschedules a launch, then cancels it', 'employee-launches', async (keep) => {
    const [passenger] = await world.customers(1);
    const launch = await launchOnSale();
    await book(passenger, launch, 2);

    const page = keep(await signedIn('employee', WORLD_EMPLOYEE.email, WORLD_EMPLOYEE.password));
    await openSection(page, 'Launches');
    await row(page, launch.mission)
      .getByRole('button', { name: /Reschedule/ })
      .click();
    const reschedule = page.getByRole('dialog', { name: 'Reschedule this launch' });
    // The dialog names the launch it changes.
    await reschedule.getByText(launch.mission).waitFor();
    const departure = localDateTime(90);
    await reschedule.getByLabel('New departure').fill(departure);
    await reschedule.getByLabel(/^Reason/).fill('Range maintenance');
    await reschedule.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByText(`${launch.mission} is rescheduled; its passengers are told.`).waitFor();
    await row(page, launch.mission, 'delayed', 'Range maintenance').waitFor();

    await row(page, launch.mission)
      .getByRole('button', { name: /Cancel/ })
      .click();
    const cancel = page.getByRole('dialog', { name: 'Cancel this launch?' });
    await cancel.getByLabel(/^Reason/).fill('Supplier withdrew');
    await look(page, 'employee-cancel-launch');
    await cancel.getByRole('button', { name: 'Cancel launch' }).click();
    await page.getByText(`${launch.mission} is cancelled; its bookings are refunded.`).waitFor();
    await row(page, launch.mission, 'cancelled', 'Supplier withdrew').waitFor();
    await look(page, 'employee-launches-changed');

    const { allLaunches } = await query<{
      allLaunches: { edges: { node: { id: string; status: string; scheduledAt: string } }[] };
    }>(Q.allLaunches, employee);
    expect(allLaunches.edges.find((e) => e.node.id === launch.id)?.node).toMatchObject({
      status: 'CANCELLED',
      scheduledAt: new Date(`${departure}Z`).toISOString(),
    });
    await mailTo(passenger.user.email, launch.mission, 'Range maintenance');
    await mailTo(passenger.user.email, launch.mission, 'Supplier withdrew');
  });

  screen('supplier: edits a rocket', 'supplier-rockets', async (keep) => {
    const flying = await launchOnSale();
    const page = keep(await signedIn('supplier', fleet.session.user.email));
    await openSection(page, 'Rockets');
    const { myRockets } = await query<{ myRockets: { id: string; name: string }[] }>(
      Q.myRockets,
      fleet.session,
    );
    const rocket = myRockets.find((r) => r.id === fleet.rocketId)!;
    await row(page, rocket.name).getByRole('button', { name: /Edit/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit rocket' });
    expect(await dialog.getByLabel('Name').inputValue()).toBe(rocket.name);
    // A name the fleet already has is refused, and the dialog stays open to say so.
    const other = uniqueLabel('Second Lifter');
    await query(OPERATIONS.createRocket, fleet.session, { input: { name: other, capacity: 2 } });
    await dialog.getByLabel('Name').fill(other);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog
      .getByRole('alert')
      .getByText('You already have a rocket with this name.')
      .waitFor();
    await look(page, 'supplier-rocket-name-taken');
    const renamed = uniqueLabel('Heavy Lifter');
    await dialog.getByLabel('Name').fill(renamed);
    await dialog.getByLabel('Passenger seats').fill('12');
    await look(page, 'supplier-edit-rocket');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${renamed} is saved.`).waitFor();
    await row(page, renamed, '12').waitFor();
    await look(page, 'supplier-rockets');

    const after = await query<{ myRockets: { id: string; name: string; capacity: number }[] }>(
      Q.myRockets,
      fleet.session,
    );
    expect(after.myRockets.find((r) => r.id === fleet.rocketId)).toMatchObject({
      name: renamed,
      capacity: 12,
    });
    await customersSee(flying, (seen) => seen?.rocketName === renamed);
  });

  screen('employee: edits a spaceport', 'employee-spaceports', async (keep) => {
    const departing = await launchOnSale();
    const page = keep(await signedIn('employee', WORLD_EMPLOYEE.email, WORLD_EMPLOYEE.password));
    await openSection(page, 'Spaceports');
    const { spaceports } = await query<{ spaceports: { id: string; name: string }[] }>(
      OPERATIONS.spaceports,
      employee,
    );
    const port = spaceports.find((p) => p.id === spaceportId)!;
    await row(page, port.name).getByRole('button', { name: /Edit/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit spaceport' });
    expect(await dialog.getByLabel('Name').inputValue()).toBe(port.name);
    const renamed = uniqueLabel('Guiana Space Centre');
    await dialog.getByLabel('Name').fill(renamed);
    await dialog.getByLabel('Location').fill('Kourou, French Guiana');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${renamed} is saved.`).waitFor();
    await row(page, renamed, 'Kourou, French Guiana').waitFor();
    await look(page, 'employee-spaceports');

    const after = await query<{ spaceports: { id: string; name: string; location: string }[] }>(
      OPERATIONS.spaceports,
      employee,
    );
    expect(after.spaceports.find((p) => p.id === spaceportId)).toMatchObject({
      name: renamed,
      location: 'Kourou, French Guiana',
    });
    await customersSee(
      departing,
      (seen) =>
        seen?.spaceport.name === renamed && seen.spaceport.location === 'Kourou, French Guiana',
    );
  });

  screen('employee: voids a customer invoice', 'employee-invoices', async (keep) => {
    const [customer] = await world.customers(1);
    const booking = await book(customer, await launchOnSale());
    const invoice = await eventually(
      async () =>
        (
          await query<{
            invoices: { id: string; number: string; booking: { id: string } | null }[];
          }>(Q.invoices, employee)
        ).invoices.find((i) => i.booking?.id === booking.id),
      { timeoutMs: SYNC_MS, intervalMs: 300, what: 'the invoice of the booking' },
    );

    const page = keep(await signedIn('employee', WORLD_EMPLOYEE.email, WORLD_EMPLOYEE.password));
    await openSection(page, 'Invoices');
    await page.getByLabel('Kind').selectOption({ label: 'Customer invoices' });
    await row(page, invoice.number, customer.user.email, 'issued')
      .getByRole('button', { name: /Void/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Void this invoice?' });
    await dialog.getByText(invoice.number).waitFor();
    await dialog.getByLabel('Why it no longer stands').fill('Issued twice by mistake');
    await look(page, 'employee-void-invoice');
    await dialog.getByRole('button', { name: 'Void invoice' }).click();
    await page.getByText(`${invoice.number} is void.`).waitFor();
    await row(page, invoice.number, 'void', 'Issued twice by mistake').waitFor();
    // Nothing more to do with a void invoice.
    expect(await row(page, invoice.number).getByRole('button').count()).toBe(0);
    await look(page, 'employee-invoices');

    const { invoices } = await query<{
      invoices: { id: string; status: string; voidReason: string | null }[];
    }>(Q.invoices, employee);
    expect(invoices.find((i) => i.id === invoice.id)).toMatchObject({
      status: 'VOID',
      voidReason: 'Issued twice by mistake',
    });
    // The customer's own list says so too.
    await eventually(
      async () =>
        (
          await query<{ myInvoices: { id: string; status: string }[] }>(Q.myInvoices, customer)
        ).myInvoices.some((i) => i.id === invoice.id && i.status === 'VOID') || undefined,
      { timeoutMs: SYNC_MS, intervalMs: 300, what: 'the customer’s invoice VOID' },
    );
  });

  screen(
    'customer: joins the waitlist of a sold-out launch, then books the seat held once it frees',
    'customer-waitlist',
    async (keep) => {
      const [first, waiting] = await world.customers(2);
      const launch = await launchOnSale({ seats: 1 });
      const taken = await book(first, launch);

      const page = keep(await signedIn('customer', waiting.user.email));
      await page.goto(`${web}/customer/launches/${launch.id}`);
      await page.getByRole('heading', { name: launch.mission }).waitFor();
      await reloadUntilVisible(page, page.getByRole('heading', { name: 'Sold out' }), SYNC_MS);
      await page.getByLabel('Seats wanted').selectOption('1');
      await page.getByRole('button', { name: 'Join the waitlist' }).click();
      await page.getByText('You are on the waitlist for 1 seat').waitFor();
      await look(page, 'customer-waitlist-joined');
      const waitlistOf = async (customer: Session) =>
        (
          await query<{
            myWaitlist: {
              status: string;
              seats: number;
              heldSeats: number | null;
              launch: { id: string };
            }[];
          }>(Q.myWaitlist, customer)
        ).myWaitlist.find((w) => w.launch.id === launch.id);
      await eventually(async () => (await waitlistOf(waiting))?.status === 'WAITING' || undefined, {
        timeoutMs: SYNC_MS,
        intervalMs: 300,
        what: 'the customer waiting in line',
      });

      // Back on the launch later, the customer is told their place instead of asked to join.
      await page.reload();
      await page.getByText('You are on the waitlist for 1 seat, number 1 in line.').waitFor();
      await openSection(page, 'My bookings');
      await row(page, launch.mission, 'waiting', 'number 1 in line').waitFor();

      // The seat frees: it is held for the first in line, who is told by email.
      await query(Q.cancelMyBooking, first, { id: taken.id });
      await mailTo(waiting.user.email, launch.mission);
      await reloadUntilVisible(
        page,
        page.getByRole('link', { name: 'Your seat is held for you' }),
        SYNC_MS,
      );
      await row(page, launch.mission, 'holding').waitFor();
      await look(page, 'customer-waitlist-holding');

      await page.getByRole('link', { name: 'Your seat is held for you' }).click();
      await page.getByRole('heading', { name: launch.mission }).waitFor();
      await look(page, 'customer-held-seat');
      await page.getByRole('button', { name: 'Book 1 seat' }).click();
      await page.getByText(/^Booking confirmed: 1 seat for /).waitFor({ timeout: SYNC_MS });
      await look(page, 'customer-held-seat-booked');

      const mine = (await bookingsOf(waiting)).find((b) => b.launch.id === launch.id);
      expect(mine).toMatchObject({ status: 'CONFIRMED', seats: 1 });
      await eventually(async () => (await waitlistOf(waiting))?.status === 'BOOKED' || undefined, {
        timeoutMs: SYNC_MS,
        intervalMs: 300,
        what: 'the waitlist entry BOOKED',
      });
    },
  );

  screen(
    'operator: retries an email that failed, and it is sent',
    'ops-notifications',
    async (keep) => {
      const [unreachable] = await world.customers(1);
      smtp.refuse.set(unreachable.user.email, 550);
      const launch = await launchOnSale();
      await book(unreachable, launch);

      const page = keep(await signedIn('ops', operator.user.email));
      await openSection(page, 'Notifications');
      const subject = `Booking confirmed: ${launch.mission}`;
      await reloadUntilVisible(page, row(page, unreachable.user.email, subject, 'failed'), SYNC_MS);
      await page.getByRole('button', { name: 'Failed', exact: true }).click();
      const failed = row(page, unreachable.user.email, subject);
      await failed.and(row(page, 'failed')).waitFor();
      await look(page, 'ops-notification-failed');

      smtp.refuse.delete(unreachable.user.email);
      await failed.getByRole('button', { name: /Retry/ }).click();
      await page.getByText(`“${subject}`).first().waitFor();
      await page.getByText(/is queued again/).waitFor();
      // Shown sent by the list's own refresh, without a reload.
      await page.getByRole('button', { name: 'All', exact: true }).click();
      await row(page, unreachable.user.email, subject, 'sent').waitFor({ timeout: SYNC_MS });
      await look(page, 'ops-notification-retried');

      await mailTo(unreachable.user.email, launch.mission);
      expect(
        smtp.to(unreachable.user.email).filter((m) => m.subject.startsWith(subject)),
      ).toHaveLength(1);
      const { notificationStatuses } = await query<{
        notificationStatuses: {
          recipient: string;
          subject: string;
          status: string;
          manualRetries: number;
        }[];
      }>(Q.notificationStatuses, operator);
      expect(
        notificationStatuses.filter(
          (n) => n.recipient === unreachable.user.email && n.subject.startsWith(subject),
        ),
      ).toEqual([expect.objectContaining({ status: 'SENT', manualRetries: 1 })]);
    },
  );

  screen('operator: follows the logs live', 'ops-logs', async (keep) => {
    const correlation = uniqueLabel('follow');
    const page = keep(await signedIn('ops', operator.user.email));
    await page.getByRole('heading', { name: 'System logs' }).waitFor();
    await page.getByLabel('Correlation id').fill(correlation);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`correlation=${correlation}`));
    await page.getByText('No log lines match').waitFor();
    await page.getByLabel('Follow live').check();
    // Marks this document: a reload would lose the mark.
    await page.evaluate('window.followedWithoutReload = true');

    // A failed sign-in under that correlation id leaves a line in the auth service's log.
    const failSignIn = async () => {
      const { body } = await gql(
        stack.urls.gateway,
        OPERATIONS.login,
        { email: 'nobody@example.com', password: 'not the password' },
        { headers: { 'x-correlation-id': correlation } },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    };
    const lines = row(page, 'auth', 'login failed', correlation);
    await failSignIn();
    await lines.waitFor({ timeout: SYNC_MS });
    // And the next one too: following goes on.
    await failSignIn();
    await eventually(async () => (await lines.count()) === 2 || undefined, {
      timeoutMs: SYNC_MS,
      intervalMs: 250,
      what: 'the second line to show up',
    });
    expect(await page.evaluate('window.followedWithoutReload')).toBe(true);
    // Following shows the newest lines: no pages.
    expect(await page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    await look(page, 'ops-logs-followed');

    await page.getByLabel('Follow live').uncheck();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    expect(await lines.count()).toBe(2);
  });
});
