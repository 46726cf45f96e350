import type { Browser, Locator, Page } from 'playwright-core';
import {
  launchChromium,
  localDateTime,
  newPage as newBrowserPage,
  openSection as open,
  region,
  reloadUntilVisible as reloadUntil,
  repeatedIds,
  row,
  Screenshots,
  signIn as signInAt,
  webAppsUrl,
} from '../support/browser';
import { eventually } from '../support/eventually';
import { TestSmtpServer } from '../support/smtp';
import { startStack, type Stack } from '../support/stack';

/**
 * The four web apps in Debian's Chromium, driven by playwright-core, against
 * every real process and store: one journey from onboarding a supplier to an
 * operator reading the logs of a booking. Screenshots of each main screen go to
 * test-results/web-journey/ (not committed) for people to look at.
 */

const EMPLOYEE = { email: 'chief@astrobookings.test', password: 'Launch-Control-42' };
const PASSWORD = 'correct horse 7';
const SUPPLIER = { company: 'Orbital Express', name: 'Sam Rivera', email: 'sam@orbital.test' };
const OPERATOR = { name: 'Olu Ops', email: 'olu@astrobookings.test' };
const CUSTOMER = { name: 'Ada Lovelace', email: 'ada@example.com' };
const MISSION = 'Artemis Tourist 1';
const SYNC_MS = 45_000;

let stack: Stack;
let smtp: TestSmtpServer;
let browser: Browser;
let web: string;
let shots: Screenshots;
const pages: Record<'employee' | 'supplier' | 'customer' | 'operator', Page> = {} as never;

/** A screenshot of a main screen, which must not repeat an element id. */
async function screenshot(page: Page, name: string): Promise<void> {
  await shots.take(page, name);
  expect(await repeatedIds(page)).toEqual([]);
}

let steps = 0;

/** One step of the journey, on the page of one persona; a failed step keeps its page. */
function step(name: string, persona: keyof typeof pages, body: (page: Page) => Promise<void>) {
  const slug = `step-${++steps}-${persona}`;
  it(name, () => shots.keepOnFailure(pages[persona], slug, () => body(pages[persona])));
}

function newPage(width?: number, height?: number): Promise<Page> {
  return newBrowserPage(browser, width, height);
}

function signIn(page: Page, app: string, email: string, password: string): Promise<void> {
  return signInAt(page, web, app, email, password);
}

function reloadUntilVisible(page: Page, locator: Locator): Promise<void> {
  return reloadUntil(page, locator, SYNC_MS);
}

beforeAll(async () => {
  shots = new Screenshots('web-journey');
  smtp = await TestSmtpServer.start();
  stack = await startStack({
    name: 'web_journey',
    portBase: 5600,
    env: {
      LOG_LEVEL: 'info',
      LOG_SHIPPING_INTERVAL_MS: '200',
      METRICS_SNAPSHOT_INTERVAL_MS: '1000',
      SMTP_URL: smtp.url,
      PLATFORM_COMMISSION_PERCENT: '10',
      BOOTSTRAP_EMPLOYEE_EMAIL: EMPLOYEE.email,
      BOOTSTRAP_EMPLOYEE_PASSWORD: EMPLOYEE.password,
    },
  });
  web = webAppsUrl(stack);
  browser = await launchChromium();
  pages.employee = await newPage();
  pages.supplier = await newPage();
  pages.customer = await newPage();
  pages.operator = await newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await smtp?.stop();
});

describe('the web apps, one journey across all four', () => {
  step(
    'employee: signs in, adds a spaceport, onboards a supplier and an operator',
    'employee',
    async (page) => {
      await signIn(page, 'employee', EMPLOYEE.email, EMPLOYEE.password);
      await page.getByRole('heading', { name: 'Bookings' }).waitFor();
      await page.getByText('No bookings yet').waitFor();
      await screenshot(page, 'employee-bookings-empty');

      await open(page, 'Spaceports');
      const add = region(page, 'Add a spaceport');
      await add.getByLabel('Name').fill('Kennedy LC-39A');
      await add.getByLabel('Location').fill('Cape Canaveral, Florida, USA');
      await add.getByRole('button', { name: 'Add spaceport' }).click();
      await page.getByText('Kennedy LC-39A is added.').waitFor();
      await row(page, 'Kennedy LC-39A', 'Cape Canaveral').waitFor();
      await screenshot(page, 'employee-spaceports');

      await open(page, 'Onboarding');
      const onboard = region(page, 'Onboard a supplier');
      await onboard.getByLabel('Company').fill(SUPPLIER.company);
      await onboard.getByLabel('Contact name').fill(SUPPLIER.name);
      await onboard.getByLabel('Contact email').fill(SUPPLIER.email);
      await onboard.getByLabel('First password').fill(PASSWORD);
      await onboard.getByRole('button', { name: 'Onboard supplier' }).click();
      await page.getByText(`${SUPPLIER.company} is onboarded`).waitFor();
      await row(page, SUPPLIER.company, SUPPLIER.email).waitFor();

      const staff = region(page, 'Add a staff member');
      await staff.getByLabel('Name').fill(OPERATOR.name);
      await staff.getByLabel('Email').fill(OPERATOR.email);
      await staff.getByLabel('First password').fill(PASSWORD);
      await staff.getByLabel('IT operator').check();
      await staff.getByRole('button', { name: 'Add staff member' }).click();
      await page.getByText(`${OPERATOR.email} is added as IT operator.`).waitFor();
      await screenshot(page, 'employee-onboarding');
    },
  );

  step('supplier: adds a rocket and schedules a launch', 'supplier', async (page) => {
    await signIn(page, 'supplier', SUPPLIER.email, PASSWORD);
    await page.getByText('No launches yet').waitFor();

    await open(page, 'Rockets');
    const add = region(page, 'Add a rocket');
    await add.getByLabel('Name').fill('Starhopper');
    await add.getByLabel('Passenger seats').fill('6');
    await add.getByRole('button', { name: 'Add rocket' }).click();
    await row(page, 'Starhopper', '6').waitFor();
    await screenshot(page, 'supplier-rockets');

    await open(page, 'Launches');
    await page.getByRole('link', { name: 'Schedule a launch' }).click();
    await page.getByLabel('Mission').fill(MISSION);
    await page.getByLabel('Destination').fill('Moon');
    await page.getByLabel('Rocket').selectOption({ label: 'Starhopper (6 seats)' });
    await page
      .getByLabel('Spaceport')
      .selectOption({ label: 'Kennedy LC-39A — Cape Canaveral, Florida, USA' });
    await page.getByLabel('Departure').fill(localDateTime(60));
    await page.getByLabel('Price per seat').fill('250000');
    await screenshot(page, 'supplier-schedule');
    await page.getByRole('button', { name: 'Schedule launch' }).click();
    await page.getByRole('heading', { name: MISSION }).waitFor();
    await page.getByText('No confirmed passengers yet.').waitFor();

    await page.getByRole('link', { name: '← Launches' }).click();
    await row(page, MISSION, 'Starhopper', '0 of 6 seats').waitFor();
    await screenshot(page, 'supplier-launches');
  });

  step(
    'customer: signs up, finds the launch, books two seats and sees them confirmed',
    'customer',
    async (page) => {
      await page.goto(`${web}/customer/`);
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByLabel('Name').fill(CUSTOMER.name);
      await page.getByLabel('Email').fill(CUSTOMER.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await screenshot(page, 'customer-sign-up');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Launches' }).waitFor();

      // The sync worker carries the new launch into the customers' store.
      await page.getByLabel('Destination').fill('Moon');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/destination=Moon/);
      await reloadUntilVisible(page, page.getByRole('link', { name: MISSION }));
      await screenshot(page, 'customer-launches');

      await page.getByRole('link', { name: MISSION }).click();
      await page.getByRole('heading', { name: MISSION }).waitFor();
      await page.getByLabel('Seats', { exact: true }).selectOption({ label: '2 seats' });
      await page.getByText('Total $500,000.00').waitFor();
      await screenshot(page, 'customer-launch');
      await page.getByRole('button', { name: 'Book 2 seats' }).click();
      await page
        .getByText('Booking confirmed: 2 seats for $500,000.00.')
        .waitFor({ timeout: SYNC_MS });
      await screenshot(page, 'customer-booking-confirmed');

      // A reload keeps the session.
      await page.reload();
      await page.getByRole('heading', { name: MISSION }).waitFor();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();

      await open(page, 'My bookings');
      await row(page, MISSION, '$500,000.00', 'confirmed').waitFor();
      await screenshot(page, 'customer-bookings');
    },
  );

  step(
    'the confirmation email arrives at the SMTP server, and in the customer’s notifications',
    'customer',
    async (page) => {
      const mail = await eventually(
        () => smtp.to(CUSTOMER.email).find((m) => m.text.includes(MISSION)),
        { timeoutMs: SYNC_MS, what: 'the booking confirmation email' },
      );
      expect(mail.subject).toMatch(/confirm/i);

      await open(page, 'Notifications');
      await reloadUntilVisible(page, page.getByText(mail.subject));
      await page.getByText(mail.subject).click();
      await page.getByText(MISSION).first().waitFor();
      await screenshot(page, 'customer-notifications');

      await open(page, 'Invoices');
      await row(page, '$500,000.00', 'issued').waitFor();
      await screenshot(page, 'customer-invoices');
    },
  );

  step('supplier: sees the passenger on the launch’s manifest', 'supplier', async (page) => {
    await page.getByRole('link', { name: MISSION, exact: true }).click();
    await reloadUntilVisible(page, row(page, CUSTOMER.email, '2'));
    await page.getByText('2 of 6 seats (33%)').first().waitFor();
    await screenshot(page, 'supplier-manifest');
  });

  step('employee: sees the booking and marks its invoice paid', 'employee', async (page) => {
    await open(page, 'Bookings');
    await row(page, CUSTOMER.email, MISSION, 'confirmed').waitFor();
    await screenshot(page, 'employee-bookings');

    await open(page, 'Invoices');
    await page.getByLabel('Kind').selectOption({ label: 'Customer invoices' });
    const invoice = row(page, CUSTOMER.email, '$500,000.00', 'issued');
    await invoice.getByRole('button', { name: /Mark paid/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this invoice paid?' });
    await screenshot(page, 'employee-mark-paid');
    await dialog.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByText(/ is paid\.$/).waitFor();
    await row(page, CUSTOMER.email, '$500,000.00', 'paid').waitFor();
    await screenshot(page, 'employee-invoices');

    await open(page, 'Reports');
    await row(page, MISSION, SUPPLIER.company, '2 of 6 seats').waitFor();
    await screenshot(page, 'employee-reports');
  });

  step('operator: sees the email SENT and the logs of that booking', 'operator', async (page) => {
    await signIn(page, 'ops', OPERATOR.email, PASSWORD);
    await page.getByRole('heading', { name: 'System logs' }).waitFor();

    await open(page, 'Notifications');
    const sent = row(page, CUSTOMER.email, 'sent');
    await reloadUntilVisible(page, sent);
    await screenshot(page, 'ops-notifications');

    await sent.first().getByRole('link', { name: /Logs/ }).click();
    await page.waitForURL(/correlation=/);
    const correlation = new URL(page.url()).searchParams.get('correlation')!;
    expect(await page.getByLabel('Correlation id').inputValue()).toBe(correlation);
    // The lines of that booking, from the processes it crossed.
    await reloadUntilVisible(page, row(page, 'notifications-worker', correlation));
    const lines = row(page, correlation);
    expect(await lines.count()).toBeGreaterThan(1);
    expect(await page.getByRole('row').count()).toBe((await lines.count()) + 1);
    await screenshot(page, 'ops-logs-of-the-booking');

    await open(page, 'Queues');
    await row(page, 'notifications').waitFor();
    await screenshot(page, 'ops-queues');
    // bull-board at the gateway, reached with the cookie the ops app sets.
    const [dashboard] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('link', { name: 'Open the BullMQ dashboard' }).click(),
    ]);
    await dashboard.waitForURL(/\/admin\/queues/);
    await dashboard.getByText('notifications').first().click();
    await dashboard.waitForLoadState('networkidle');
    await screenshot(dashboard, 'ops-bull-board');
    await dashboard.close();
    await open(page, 'Health');
    await page.getByText('All services are up.').waitFor();
    await screenshot(page, 'ops-health');
    await open(page, 'Metrics');
    await page.getByRole('img', { name: /^Requests per second/ }).waitFor();
    await screenshot(page, 'ops-metrics');
  });

  step(
    'customer: books one more seat, then cancels it, told the refund first',
    'customer',
    async (page) => {
      await open(page, 'Launches');
      await page.getByRole('link', { name: MISSION }).click();
      await page.getByRole('button', { name: 'Book 1 seat' }).click();
      await page
        .getByText('Booking confirmed: 1 seat for $250,000.00.')
        .waitFor({ timeout: SYNC_MS });

      await open(page, 'My bookings');
      await row(page, MISSION, '$250,000.00', 'confirmed')
        .getByRole('button', { name: /Cancel/ })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
      await dialog.getByText('You paid $250,000.00').waitFor();
      await dialog.getByText('all of it').waitFor();
      await screenshot(page, 'customer-cancel');
      await dialog.getByRole('button', { name: 'Cancel booking' }).click();
      await page.getByText(/Your (booking|cancellation) (for|of) Artemis Tourist 1/).waitFor();
      await reloadUntilVisible(page, row(page, MISSION, 'cancelled', 'refunded $250,000.00'));
      await row(page, MISSION, '$500,000.00', 'confirmed').waitFor();
      await screenshot(page, 'customer-cancelled');
    },
  );

  step('employee: flies the launch; the supplier’s invoice is issued', 'employee', async (page) => {
    await open(page, 'Launches');
    for (const status of ['launched', 'successful']) {
      await row(page, MISSION)
        .getByRole('button', { name: /Change status/ })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Change the launch status' });
      await dialog.getByLabel('New status').selectOption(status.toUpperCase());
      if (status === 'successful') await screenshot(page, 'employee-change-status');
      await dialog.getByRole('button', { name: 'Change status' }).click();
      await page.getByText(`${MISSION} is now ${status}.`).waitFor();
      // The list is read again: the next change starts from the launch as it now is.
      await row(page, MISSION, status).waitFor();
    }
    await row(page, MISSION, 'successful', '2 of 6 seats').waitFor();
    await screenshot(page, 'employee-launches');

    // What the supplier is owed: the two confirmed seats, less the platform's 10 %.
    const supplier = pages.supplier;
    await open(supplier, 'Invoices');
    await reloadUntilVisible(supplier, row(supplier, MISSION, '$500,000.00', '$450,000.00'));
    await screenshot(supplier, 'supplier-invoices');
  });

  step(
    'customer on a phone: the same app, readable and signed out everywhere at the end',
    'customer',
    async (desktop) => {
      const phone = await newPage(390, 844);
      await signIn(phone, 'customer', CUSTOMER.email, PASSWORD);
      await phone.getByRole('heading', { name: 'Launches' }).waitFor();
      await screenshot(phone, 'customer-phone-launches');
      await phone.getByRole('button', { name: 'Menu' }).click();
      await screenshot(phone, 'customer-phone-menu');
      await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
      await phone.getByRole('heading', { name: 'Sign in' }).waitFor();

      // The desktop session of the same customer ends at its next refresh: its refresh
      // token was revoked (pretend its access token just expired).
      // (A script string: this file is compiled without the DOM's types.)
      await desktop.evaluate(`(() => {
      const key = 'astrobookings.customer.session';
      const session = JSON.parse(localStorage.getItem(key));
      localStorage.setItem(key, JSON.stringify({ ...session, expiresAt: Date.now() }));
    })()`);
      await desktop.reload();
      await desktop.getByRole('heading', { name: 'Sign in' }).waitFor();
      await screenshot(desktop, 'customer-signed-out-everywhere');
    },
  );
});
