import {
  NotificationKind,
  notificationJobSchema,
  type BookingDetails,
  type LaunchDetails,
  type NotificationJob,
  type NotificationJobOf,
} from '@astrobookings/shared';

/** An email ready to send: the same content as plain text and as HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** A notification whose email cannot be built: bad address, missing or malformed data. */
export class NotificationBuildError extends Error {
  constructor(message: string) {
    super(`Cannot build the email: ${message}`);
    this.name = 'NotificationBuildError';
  }
}

/** What every email says, before it is laid out as text or HTML. */
interface EmailContent {
  subject: string;
  paragraphs: string[];
  /** Label and value rows: the details a customer or supplier needs at hand. */
  details: [string, string][];
}

/** One formatter per currency: building an Intl.NumberFormat costs more than an email's rendering. */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; minorUnit: number }>();

export function formatMoney(amount: number, currency: string): string {
  let money = moneyFormats.get(currency);
  if (money === undefined) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    money = { format, minorUnit: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    moneyFormats.set(currency, money);
  }
  return money.format.format(amount / money.minorUnit);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A launch time as people read it, always in UTC (not left to the ICU data of the host). */
export function formatTime(iso: string): string {
  const time = new Date(iso);
  const hhmm = time.toISOString().slice(11, 16);
  return `${WEEKDAYS[time.getUTCDay()]} ${time.getUTCDate()} ${MONTHS[time.getUTCMonth()]} ${time.getUTCFullYear()}, ${hhmm} UTC`;
}

const seatsText = (seats: number): string => `${seats} seat${seats === 1 ? '' : 's'}`;

function launchRows(launch: LaunchDetails): [string, string][] {
  const rows: [string, string][] = [
    ['Mission', launch.mission],
    ['Destination', launch.destination],
    ['Launch time', formatTime(launch.scheduledAt)],
    ['Spaceport', `${launch.spaceport.name}, ${launch.spaceport.location}`],
  ];
  if (launch.rocketName !== undefined) rows.push(['Rocket', launch.rocketName]);
  return rows;
}

function bookingRows(booking: BookingDetails): [string, string][] {
  return [
    ['Booking reference', booking.id],
    ['Seats', String(booking.seats)],
    ['Price per seat', formatMoney(booking.pricePerSeat, booking.currency)],
    ['Total', formatMoney(booking.totalPrice, booking.currency)],
  ];
}

function refundText(refundAmount: number, refundPercent: number, currency: string): string {
  return refundAmount > 0
    ? `We are refunding ${formatMoney(refundAmount, currency)} (${refundPercent}% of what you paid) to your original payment method.`
    : 'No refund is due under the cancellation terms of your booking.';
}

type Composer<K extends NotificationKind> = (job: NotificationJobOf<K>) => EmailContent;

const composers: { [K in NotificationKind]: Composer<K> } = {
  [NotificationKind.BookingConfirmed]: ({ data: { launch, booking } }) => ({
    subject: `Booking confirmed: ${launch.mission} to ${launch.destination}`,
    paragraphs: [
      `Your booking of ${seatsText(booking.seats)} on ${launch.mission} to ${launch.destination} is confirmed.`,
      'Please be at the spaceport at least three hours before the launch time with a valid passport.',
    ],
    details: [...bookingRows(booking), ...launchRows(launch)],
  }),
  [NotificationKind.BookingRejected]: ({ data: { launch, booking, reason } }) => ({
    subject: `Booking not confirmed: ${launch.mission}`,
    paragraphs: [
      `We could not confirm your booking of ${seatsText(booking.seats)} on ${launch.mission}: ${reason}`,
      'You have not been charged.',
    ],
    details: [...bookingRows(booking), ...launchRows(launch)],
  }),
  [NotificationKind.BookingCancelled]: ({ data }) => ({
    subject: `Booking cancelled: ${data.launch.mission}`,
    paragraphs: [
      `Your booking of ${seatsText(data.booking.seats)} on ${data.launch.mission} has been cancelled: ${data.reason}`,
      refundText(data.refundAmount, data.refundPercent, data.booking.currency),
    ],
    details: [
      ...bookingRows(data.booking),
      ['Refund', formatMoney(data.refundAmount, data.booking.currency)],
      ...launchRows(data.launch),
    ],
  }),
  [NotificationKind.LaunchScheduled]: ({ data: { launch } }) => ({
    subject: `Launch scheduled: ${launch.mission}`,
    paragraphs: [
      `Your launch ${launch.mission} to ${launch.destination} is scheduled and its seats are on sale.`,
    ],
    details: [
      ['Launch reference', launch.id],
      ...launchRows(launch),
      ['Seats', String(launch.seatCapacity)],
      ['Price per seat', formatMoney(launch.pricePerSeat, launch.currency)],
    ],
  }),
  [NotificationKind.LaunchDelayed]: ({ data }) => ({
    subject: `Launch delayed: ${data.launch.mission}`,
    paragraphs: [
      `The launch of ${data.launch.mission} has been moved from ${formatTime(data.previousScheduledAt)} to ${formatTime(data.launch.scheduledAt)}: ${data.reason}`,
      `Your booking of ${seatsText(data.booking.seats)} stays valid for the new time.`,
    ],
    details: [
      ['Previous launch time', formatTime(data.previousScheduledAt)],
      ...launchRows(data.launch),
      ...bookingRows(data.booking),
    ],
  }),
  [NotificationKind.LaunchAborted]: ({ data }) => ({
    subject: `Launch aborted: ${data.launch.mission}`,
    paragraphs: [
      `The launch of ${data.launch.mission} was aborted: ${data.reason}`,
      `Your booking of ${seatsText(data.booking.seats)} is cancelled. ${refundText(data.refundAmount, data.refundPercent, data.booking.currency)}`,
    ],
    details: [
      ...bookingRows(data.booking),
      ['Refund', formatMoney(data.refundAmount, data.booking.currency)],
      ...launchRows(data.launch),
    ],
  }),
  [NotificationKind.LaunchCancelled]: ({ data }) => ({
    subject: `Launch cancelled: ${data.launch.mission}`,
    paragraphs: [
      `The launch of ${data.launch.mission} has been cancelled: ${data.reason}`,
      `Your booking of ${seatsText(data.booking.seats)} is cancelled. ${refundText(data.refundAmount, data.refundPercent, data.booking.currency)}`,
    ],
    details: [
      ...bookingRows(data.booking),
      ['Refund', formatMoney(data.refundAmount, data.booking.currency)],
      ...launchRows(data.launch),
    ],
  }),
  [NotificationKind.WaitlistSeatsAvailable]: ({ data }) => ({
    subject: `Seats available: ${data.launch.mission}`,
    paragraphs: [
      `${seatsText(data.seatsAvailable)} on ${data.launch.mission} to ${data.launch.destination} became available and ${data.seatsAvailable === 1 ? 'is' : 'are'} held for you until ${formatTime(data.holdUntil)}.`,
      'Book them before then; after that they go to the next customer on the waitlist.',
    ],
    details: [
      ['Seats held', String(data.seatsAvailable)],
      ['Held until', formatTime(data.holdUntil)],
      ['Price per seat', formatMoney(data.pricePerSeat, data.currency)],
      ...launchRows(data.launch),
    ],
  }),
  [NotificationKind.InvoiceIssued]: ({ data: { invoice, launch, booking } }) => {
    const credit = invoice.amount < 0;
    const details: [string, string][] = [
      [credit ? 'Credit note number' : 'Invoice number', invoice.number],
      ['Amount', formatMoney(invoice.amount, invoice.currency)],
      ['Issued', formatTime(invoice.issuedAt)],
    ];
    if (booking !== undefined) details.push(['Booking reference', booking.id]);
    if (launch !== undefined) details.push(...launchRows(launch));
    return {
      subject: `${credit ? 'Credit note' : 'Invoice'} ${invoice.number} issued`,
      paragraphs: [
        credit
          ? `We have issued credit note ${invoice.number} for ${formatMoney(-invoice.amount, invoice.currency)}.`
          : invoice.kind === 'SUPPLIER'
            ? `We have issued invoice ${invoice.number} for ${formatMoney(invoice.amount, invoice.currency)}, your launch's bookings net of the platform commission.`
            : `We have issued invoice ${invoice.number} for ${formatMoney(invoice.amount, invoice.currency)}.`,
      ],
      details,
    };
  },
};

/** The subject shown for a notification whose email could not be built. */
export function fallbackSubject(kind: string): string {
  return `(email not built: ${kind})`;
}

const escapeHtml = (value: string): string =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

function layout(content: EmailContent, name: string): RenderedEmail {
  const labelWidth = Math.max(...content.details.map(([label]) => label.length));
  const text = [
    `Hello ${name},`,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...content.details.map(([label, value]) => `${`${label}:`.padEnd(labelWidth + 2)}${value}`),
    '',
    'AstroBookings',
    '',
  ].join('\n');
  const rows = content.details
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:4px 16px 4px 0">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1b1b2f">
<p>Hello ${escapeHtml(name)},</p>
${content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<table role="presentation" style="border-collapse:collapse">
${rows}
</table>
<p>AstroBookings</p>
</body>
</html>
`;
  return { subject: content.subject, text, html };
}

/**
 * Checks a job against the contract and renders its email; a job that fails
 * the check can never be sent, so it throws NotificationBuildError naming
 * every problem.
 */
export function renderNotification(input: unknown): { job: NotificationJob; email: RenderedEmail } {
  const parsed = notificationJobSchema.safeParse(input);
  if (!parsed.success) {
    throw new NotificationBuildError(
      parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(job)'}: ${issue.message}`)
        .join('; '),
    );
  }
  const job = parsed.data;
  const compose = composers[job.kind] as Composer<typeof job.kind>;
  return { job, email: layout(compose(job), job.recipient.name) };
}
