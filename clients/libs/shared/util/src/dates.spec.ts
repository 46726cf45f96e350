import {
  formatDate,
  formatDateTime,
  formatRelative,
  isoToLocalInput,
  localInputToIso,
} from './dates';

// Jest runs with TZ=UTC: "local" below is UTC.
describe('dates', () => {
  const launch = '2030-07-20T20:17:00.000Z';

  it('shows a time with its zone, so it is never ambiguous', () => {
    expect(formatDateTime(launch)).toBe('20 Jul 2030, 20:17 UTC');
    expect(formatDateTime(launch, 'en-GB', 'America/New_York')).toBe('20 Jul 2030, 16:17 GMT-4');
  });

  it('shows a date alone', () => {
    expect(formatDate(launch)).toBe('20 Jul 2030');
  });

  it('shows a dash for what is not a time', () => {
    expect(formatDateTime('soon')).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatRelative('never')).toBe('—');
  });

  it('says how far away a time is', () => {
    const now = new Date('2030-07-20T20:00:00Z');
    expect(formatRelative('2030-07-23T20:00:00Z', now)).toBe('in 3 days');
    expect(formatRelative('2030-07-20T19:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2030-07-20T20:00:20Z', now)).toBe('just now');
  });

  it('turns a datetime-local value into UTC and back', () => {
    expect(localInputToIso('2030-07-20T20:17')).toBe(launch);
    expect(isoToLocalInput(launch)).toBe('2030-07-20T20:17');
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('not a time')).toBeNull();
    expect(isoToLocalInput('nope')).toBe('');
  });
});
