import { NotificationKind, type NotificationJob } from '@astrobookings/shared';
import { customer, jobsOfEveryKind, supplier } from '../../../test/support/notification-jobs';
import {
  formatMoney,
  formatTime,
  NotificationBuildError,
  renderNotification,
} from './notification.templates';

const jobs = jobsOfEveryKind('evt-1');
const jobOf = (kind: NotificationKind): NotificationJob => {
  const job = jobs.find((candidate) => candidate.kind === kind);
  if (job === undefined) throw new Error(`no fixture for ${kind}`);
  return job;
};

/** What each kind's email must say, in the text and in the HTML. */
const expectations: Record<NotificationKind, { subject: string; says: string[] }> = {
  [NotificationKind.BookingConfirmed]: {
    subject: 'Booking confirmed: Artemis Tourist 3 to Lunar orbit',
    says: ['is confirmed', 'booking-91c2', '€250,000.00', '€125,000.00', 'Kourou, French Guiana'],
  },
  [NotificationKind.BookingRejected]: {
    subject: 'Booking not confirmed: Artemis Tourist 3',
    says: ['Only 1 seat was left', 'You have not been charged', 'booking-91c2'],
  },
  [NotificationKind.BookingCancelled]: {
    subject: 'Booking cancelled: Artemis Tourist 3',
    says: ['Cancelled at your request', '€200,000.00 (80% of what you paid)', 'Refund'],
  },
  [NotificationKind.LaunchScheduled]: {
    subject: 'Launch scheduled: Artemis Tourist 3',
    says: ['on sale', 'launch-7f3a', 'Heavy Lifter', 'Seats', '€125,000.00'],
  },
  [NotificationKind.LaunchDelayed]: {
    subject: 'Launch delayed: Artemis Tourist 3',
    says: [
      'Sunday 14 March 2027, 09:30 UTC',
      'Tuesday 16 March 2027, 11:00 UTC',
      'High winds',
      'stays valid',
    ],
  },
  [NotificationKind.LaunchAborted]: {
    subject: 'Launch aborted: Artemis Tourist 3',
    says: ['Engine anomaly', 'is cancelled', '€250,000.00 (100% of what you paid)'],
  },
  [NotificationKind.LaunchCancelled]: {
    subject: 'Launch cancelled: Artemis Tourist 3',
    says: ['withdrew the rocket', 'is cancelled', '€250,000.00 (100% of what you paid)'],
  },
  [NotificationKind.WaitlistSeatsAvailable]: {
    subject: 'Seats available: Artemis Tourist 3',
    says: ['2 seats on Artemis Tourist 3', 'held for you until', 'Sunday 10 January 2027'],
  },
  [NotificationKind.InvoiceIssued]: {
    subject: 'Invoice C-2027-000042 issued',
    says: ['C-2027-000042', '€250,000.00', 'booking-91c2'],
  },
};

describe('notification templates', () => {
  it.each(Object.values(NotificationKind))('renders %s as text and HTML', (kind) => {
    const { email } = renderNotification(jobOf(kind));
    const expected = expectations[kind];
    expect(email.subject).toBe(expected.subject);
    for (const phrase of expected.says) {
      expect(email.text).toContain(phrase);
      expect(email.html).toContain(phrase.replaceAll("'", '&#39;'));
    }
    expect(email.html).toContain(`<title>${expected.subject}</title>`);
  });

  it('greets the recipient by name; the supplier gets the launch email', () => {
    expect(renderNotification(jobOf(NotificationKind.BookingConfirmed)).email.text).toMatch(
      new RegExp(`^Hello ${customer().name},`),
    );
    expect(renderNotification(jobOf(NotificationKind.LaunchScheduled)).email.text).toMatch(
      new RegExp(`^Hello ${supplier().name},`),
    );
  });

  it('escapes what customers and suppliers wrote in the HTML, not in the text', () => {
    const job = jobOf(NotificationKind.BookingRejected);
    const hostile = {
      ...job,
      data: { ...job.data, reason: '<script>alert("x")</script> & more' },
    } as NotificationJob;
    const { email } = renderNotification(hostile);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(email.text).toContain('<script>alert("x")</script> & more');
  });

  it('calls a negative invoice a credit note', () => {
    const job = jobOf(NotificationKind.InvoiceIssued) as Extract<
      NotificationJob,
      { kind: NotificationKind.InvoiceIssued }
    >;
    const credit = {
      ...job,
      data: { invoice: { ...job.data.invoice, number: 'CN-7', amount: -5_000 } },
    };
    const { email } = renderNotification(credit);
    expect(email.subject).toBe('Credit note CN-7 issued');
    expect(email.text).toContain('credit note CN-7 for €50.00');
  });

  it('refuses a job with a bad address, naming the field', () => {
    const job = jobOf(NotificationKind.BookingConfirmed);
    const bad = { ...job, recipient: { ...job.recipient, email: 'not-an-address' } };
    expect(() => renderNotification(bad)).toThrow(NotificationBuildError);
    expect(() => renderNotification(bad)).toThrow(/recipient\.email/);
  });

  it('refuses a job with missing data, naming every missing field', () => {
    const job = jobOf(NotificationKind.BookingCancelled);
    const { refundAmount: _refund, ...data } = job.data as Record<string, unknown>;
    const bad = { ...job, data: { ...data, booking: undefined } };
    expect(() => renderNotification(bad)).toThrow(/data\.booking.*data\.refundAmount/);
  });

  it('refuses a kind the contract does not know', () => {
    expect(() =>
      renderNotification({ ...jobOf(NotificationKind.BookingConfirmed), kind: 'SPAM' }),
    ).toThrow(NotificationBuildError);
  });

  it('formats money in minor units of each currency and times in UTC', () => {
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(5_000, 'JPY')).toBe('¥5,000');
    expect(formatTime('2027-03-14T23:30:00-02:00')).toBe('Monday 15 March 2027, 01:30 UTC');
  });
});
