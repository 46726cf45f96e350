import { randomBytes } from 'node:crypto';
import type { NodemailerError } from 'nodemailer/lib/errors';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import MimeNode, { type MimeNodeHeaderValue } from 'nodemailer/lib/mime-node';
import { encode as quotedPrintable, wrap as wrapLines } from 'nodemailer/lib/qp';
import type { Envelope } from 'nodemailer/lib/smtp-connection';
import { SmtpPool } from './smtp-pool';

export interface MailerSettings {
  /** smtp:// or smtps://, with credentials in the URL when the server needs them. */
  url: string;
  from: string;
  poolSize: number;
  timeoutMs: number;
}

export interface OutgoingEmail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** One Message-ID per notification, so mail systems (and tests) can recognise a copy. */
  messageId: string;
}

/**
 * How a send failed, which decides whether the notification may be sent again:
 * - `refused`: the server answered no; nothing was delivered. `permanent` for
 *   a 5xx reply (a retry would be refused again), else a retry may succeed.
 * - `unreached`: no message was handed over (connection refused, no greeting).
 * - `unknown`: the connection failed while or after the message was handed
 *   over, so it may have been delivered.
 */
export type SendFailure =
  | { kind: 'refused'; permanent: boolean; message: string }
  | { kind: 'unreached'; message: string }
  | { kind: 'unknown'; message: string };

const BEFORE_MESSAGE_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
const BEFORE_MESSAGE_COMMANDS = new Set(['CONN', 'EHLO', 'HELO', 'STARTTLS', 'AUTH', 'MAIL FROM']);

export function classifySendError(error: unknown): SendFailure {
  const failure = error as NodemailerError;
  const message = failure.message;
  if (typeof failure.responseCode === 'number') {
    return {
      kind: 'refused',
      permanent: failure.permanent ?? (failure.responseCode >= 500 && failure.responseCode !== 503),
      message,
    };
  }
  const beforeMessage =
    failure.originalCode === 'ECONNREFUSED' ||
    failure.code === 'ECONNREFUSED' ||
    (failure.timeoutType !== undefined && BEFORE_MESSAGE_TIMEOUTS.has(failure.timeoutType)) ||
    (failure.command !== undefined && BEFORE_MESSAGE_COMMANDS.has(failure.command));
  return beforeMessage ? { kind: 'unreached', message } : { kind: 'unknown', message };
}

export class SendError extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.message);
    this.name = 'SendError';
  }
}

/** A text part of an email: UTF-8, quoted-printable in lines of 76, CRLF line ends. */
function textPart(contentType: 'text/plain' | 'text/html', content: string): string {
  const body = wrapLines(quotedPrintable(content), 76).replace(/\r?\n/g, '\r\n');
  return `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`;
}

/**
 * Writes each email as one RFC 5322 message: multipart/alternative, text then
 * HTML, the bytes nodemailer's composer writes but for the boundary and the
 * Date. Its composer builds a tree of MIME nodes and encodes each through a
 * chain of streams onto the socket, chunk by chunk (nodemailer took 42% of the
 * notification worker's CPU, most of it there); this writes one string, with
 * nodemailer's own header encoding (MimeNode.encodeHeaderValue: names and
 * subjects as MIME words, no line break let through; folded as it folds) and
 * quoted-printable encoding.
 */
export class MessageComposer {
  /** Only its header encoding is used (stateless). */
  private readonly encoder = new MimeNode(false);
  /** Its From and To headers give the envelope, as nodemailer derives it. */
  private readonly addresses = new MimeNode(false);
  private readonly fromHeader: string;
  /**
   * The parts' boundary starts with "=_", which quoted-printable text cannot
   * contain ('=' is always followed by two hex digits or a line break there),
   * so no text of a notification can end a part early.
   */
  private readonly boundaryPrefix = `=_AstroBookings_${randomBytes(8).toString('hex')}_`;
  private sent = 0;

  constructor(from: string) {
    this.fromHeader = this.header('From', from);
    this.addresses.setHeader('From', from);
  }

  /** The SMTP envelope: the addresses of From and To, normalized as nodemailer does. */
  envelope(to: OutgoingEmail['to']): Envelope {
    this.addresses.setHeader('To', to);
    const { from, to: recipients } = this.addresses.getEnvelope();
    return { from, to: recipients };
  }

  compose(email: OutgoingEmail): string {
    this.sent += 1;
    const delimiter = `--${this.boundaryPrefix}${this.sent}`;
    return [
      this.fromHeader,
      this.header('To', email.to),
      this.header('Subject', email.subject),
      this.header('Message-ID', email.messageId),
      this.header('Date', new Date()),
      'MIME-Version: 1.0',
      `Content-Type: multipart/alternative;\r\n boundary="${delimiter.slice(2)}"`,
      '',
      delimiter,
      textPart('text/plain', email.text),
      delimiter,
      textPart('text/html', email.html),
      `${delimiter}--\r\n`,
    ].join('\r\n');
  }

  private header(key: string, value: MimeNodeHeaderValue): string {
    return foldLines(`${key}: ${this.encoder.encodeHeaderValue(key, value)}`, 76);
  }
}

/** Pooled SMTP delivery from SMTP_URL. */
export class Mailer {
  private readonly pool: SmtpPool;
  private readonly composer: MessageComposer;

  constructor(settings: MailerSettings) {
    this.composer = new MessageComposer(settings.from);
    this.pool = new SmtpPool({
      url: settings.url,
      size: settings.poolSize,
      timeoutMs: settings.timeoutMs,
    });
  }

  /** Sends one email; throws SendError saying whether it may have been delivered. */
  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      await this.pool.send(this.composer.envelope(email.to), this.composer.compose(email));
      return { messageId: email.messageId };
    } catch (error) {
      throw new SendError(classifySendError(error));
    }
  }

  close(): void {
    this.pool.close();
  }
}

/** The domain of the sender address, for Message-IDs. */
export function senderDomain(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'astrobookings.invalid';
}
