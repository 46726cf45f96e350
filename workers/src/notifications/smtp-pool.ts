import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection, { type Envelope, type Options } from 'nodemailer/lib/smtp-connection';

export interface SmtpPoolSettings {
  /** smtp:// or smtps://, with credentials in the URL when the server needs them. */
  url: string;
  /** Connections open at most. */
  size: number;
  /** Connection, greeting and socket (idle included) timeout. */
  timeoutMs: number;
}

/** Messages a connection carries before it is closed and another opened, as nodemailer's pool does. */
const MAX_MESSAGES_PER_CONNECTION = 100;

interface Pooled {
  connection: SMTPConnection;
  sent: number;
  /** idle: in `idle`, ready; busy: sending or being set up; gone: closed and not counted. */
  state: 'idle' | 'busy' | 'gone';
}

/**
 * SMTP connections (nodemailer's SMTPConnection) kept open and reused, one
 * message at a time each. nodemailer's own pool sends through its Mail layer,
 * which makes each message a MIME node streamed through a chain of streams;
 * for a message that is already one string that layer cost about as much CPU
 * as the SMTP exchange itself.
 *
 * A connection whose send failed is closed, never reused, and a message is
 * never sent again here: whether to send again is the caller's decision (the
 * notification worker's, under its claim). The errors are SMTPConnection's own,
 * as nodemailer's pool passes them on.
 */
export class SmtpPool {
  private readonly options: Options;
  private readonly auth: { user: string; pass: string } | undefined;
  private readonly idle: Pooled[] = [];
  private readonly waiting: (() => void)[] = [];
  /** Connections open or opening. */
  private open = 0;
  private closed = false;

  constructor(private readonly settings: SmtpPoolSettings) {
    const { auth, ...options } = parseConnectionUrl(settings.url);
    this.auth = auth;
    this.options = {
      ...options,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    };
  }

  /** Sends `message` (a whole RFC 5322 message) over one of the connections. */
  async send(envelope: Envelope, message: string): Promise<void> {
    const pooled = await this.acquire();
    try {
      await new Promise<void>((resolve, reject) => {
        pooled.connection.send(envelope, message, (error) => (error ? reject(error) : resolve()));
      });
    } catch (error) {
      this.discard(pooled);
      throw error;
    }
    pooled.sent += 1;
    this.release(pooled);
  }

  /** Closes the idle connections now, the busy ones once their message is sent. */
  close(): void {
    this.closed = true;
    for (const pooled of this.idle.splice(0)) this.discard(pooled, 'quit');
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async acquire(): Promise<Pooled> {
    for (;;) {
      if (this.closed) throw notConnected('The SMTP connection pool is closed');
      const idle = this.idle.pop();
      if (idle !== undefined) {
        idle.state = 'busy';
        return idle;
      }
      if (this.open < this.settings.size) {
        this.open += 1;
        return this.connect();
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(pooled: Pooled): void {
    if (pooled.state !== 'busy') return;
    if (this.closed || pooled.sent >= MAX_MESSAGES_PER_CONNECTION) {
      this.discard(pooled, 'quit');
      return;
    }
    pooled.state = 'idle';
    this.idle.push(pooled);
    this.waiting.shift()?.();
  }

  /** Closes the connection (once) and frees its place for another. */
  private discard(pooled: Pooled, how: 'quit' | 'close' = 'close'): void {
    if (pooled.state === 'gone') return;
    if (pooled.state === 'idle') this.idle.splice(this.idle.indexOf(pooled), 1);
    pooled.state = 'gone';
    this.open -= 1;
    if (how === 'quit') pooled.connection.quit();
    else pooled.connection.close();
    this.waiting.shift()?.();
  }

  /** Opens a connection (and logs in, when the URL has credentials); its place is taken. */
  private connect(): Promise<Pooled> {
    const connection = new SMTPConnection(this.options);
    const pooled: Pooled = { connection, sent: 0, state: 'busy' };
    return new Promise<Pooled>((resolve, reject) => {
      let ready = false;
      const fail = (error: Error): void => {
        if (ready) return;
        ready = true;
        this.discard(pooled);
        reject(error);
      };
      // After setup, an error or end while idle (the server's idle timeout, say) retires
      // the connection; one while sending also fails that send, which discards it.
      connection.on('error', (error: Error) => (ready ? this.lost(pooled) : fail(error)));
      connection.once('end', () =>
        ready ? this.lost(pooled) : fail(notConnected('The SMTP server closed the connection')),
      );
      connection.connect((error) => {
        if (error) return fail(error);
        if (this.auth === undefined || !connection.allowsAuth) {
          ready = true;
          return resolve(pooled);
        }
        connection.login(this.auth, (loginError) => {
          if (loginError) return fail(loginError);
          ready = true;
          resolve(pooled);
        });
      });
    });
  }

  private lost(pooled: Pooled): void {
    if (pooled.state === 'idle') this.discard(pooled);
  }
}

/** An error before any message was handed over, shaped as SMTPConnection's own. */
function notConnected(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNECTION', command: 'CONN' });
}
