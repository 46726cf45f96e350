import { parseMail } from '../../../test/support/smtp';
import { MessageComposer, type OutgoingEmail } from './mailer';

const FROM = 'AstroBookings <no-reply@astrobookings.test>';

const email = (changes: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  to: { name: 'Ada Lovelace', address: 'ada@example.com' },
  subject: 'Booking confirmed: Artemis Tourist 3 to Lunar orbit',
  text: `Hello Ada,\n\nTotal: €250,000.00\n\n${'A long line of text. '.repeat(10)}\n`,
  html: '<!doctype html>\n<p style="padding:4px 0">Total: €250,000.00</p>\n',
  messageId: '<ntf_1@astrobookings.test>',
  ...changes,
});

const headerBlock = (raw: string): string => raw.slice(0, raw.search(/\r\n\r\n/));

describe('MessageComposer', () => {
  it('writes a multipart/alternative message whose parts decode to the text and the HTML', () => {
    const message = email();
    const raw = new MessageComposer(FROM).compose(message);
    const mail = parseMail(raw, 'no-reply@astrobookings.test', ['ada@example.com']);

    expect(mail.headers.get('from')).toBe(FROM);
    expect(mail.headers.get('to')).toBe('Ada Lovelace <ada@example.com>');
    expect(mail.subject).toBe(message.subject);
    expect(mail.messageId).toBe(message.messageId);
    expect(mail.headers.get('mime-version')).toBe('1.0');
    expect(mail.headers.get('date')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} [\d:]{8} \+0000$/);
    expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative; boundary="/);
    expect(mail.text.replace(/\r\n/g, '\n')).toBe(message.text);
    expect(mail.html.replace(/\r\n/g, '\n')).toBe(message.html);
  });

  it('ends every line with CRLF and keeps it within 78 characters', () => {
    const raw = new MessageComposer(FROM).compose(email());

    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw.endsWith('--\r\n')).toBe(true);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('encodes non-ASCII names and subjects as MIME words', () => {
    const message = email({
      to: { name: 'José "Pepe" Müller', address: 'jose@example.com' },
      subject: 'Vuelo confirmado: Luna ☾',
    });
    const mail = parseMail(new MessageComposer(FROM).compose(message), '', []);

    expect(headerBlock(mail.raw)).not.toMatch(/[^\x20-\x7e\r\n]/);
    expect(mail.headers.get('to')).toMatch(
      /^=\?UTF-8\?Q\?Jos=C3=A9_=22Pepe=22_M=C3=BCller\?= <jose@example\.com>$/,
    );
    expect(mail.subject).toBe(message.subject);
  });

  it('lets no line break in a name or subject start a header of its own', () => {
    const raw = new MessageComposer(FROM).compose(
      email({
        to: { name: 'Mallory\r\nBcc: victim@example.com', address: 'mallory@example.com' },
        subject: 'Hello\r\nX-Injected: yes',
      }),
    );

    expect(headerBlock(raw)).not.toMatch(/^(Bcc|X-Injected):/im);
  });

  it('gives each message its own boundary, which no text can contain', () => {
    const composer = new MessageComposer(FROM);
    const boundaryOf = (raw: string) => /boundary="([^"]+)"/.exec(raw)?.[1];
    const first = composer.compose(email());
    const second = composer.compose(email());

    expect(boundaryOf(first)).toMatch(/^=_/);
    expect(boundaryOf(second)).not.toBe(boundaryOf(first));
    // A text quoting the boundary goes out quoted-printable: its "=_" becomes "=3D_".
    const quoting = composer.compose(email({ text: `--${boundaryOf(first)}\n` }));
    const mail = parseMail(quoting, '', []);
    expect(mail.text.trim()).toBe(`--${boundaryOf(first)}`);
    expect(quoting.split(`--${boundaryOf(quoting)}`)).toHaveLength(4);
  });
});
