/**
 * Times travel as ISO-8601 strings in UTC; people read them in their own time
 * zone, with the zone named so a launch time is never ambiguous.
 */

const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

const DATE_ONLY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

const PRECISE: Intl.DateTimeFormatOptions = {
  ...DATE_TIME,
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
};

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "21 Nov 2026, 08:00 UTC" */
export function formatDateTime(value: string | Date, locale = 'en-GB', timeZone?: string): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(locale, { ...DATE_TIME, timeZone }).format(date) : '—';
}

/** "21 Nov 2026, 08:00:12.345 UTC": for log lines, where order within a second matters. */
export function formatPreciseTime(
  value: string | Date,
  locale = 'en-GB',
  timeZone?: string,
): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(locale, { ...PRECISE, timeZone }).format(date) : '—';
}

/** "21 Nov 2026" */
export function formatDate(value: string | Date, locale = 'en-GB', timeZone?: string): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(locale, { ...DATE_ONLY, timeZone }).format(date) : '—';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 days", "5 minutes ago", "just now" — relative to `now`. */
export function formatRelative(
  value: string | Date,
  now: Date = new Date(),
  locale = 'en',
): string {
  const date = toDate(value);
  if (!date) return '—';
  const diff = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit);
  }
  return 'just now';
}

/**
 * A `<input type="datetime-local">` value (the person's local time) as an ISO
 * string in UTC, or null when empty or invalid.
 */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO time as a `<input type="datetime-local">` value in the person's local time. */
export function isoToLocalInput(value: string): string {
  const date = toDate(value);
  if (!date) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
