import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { classifySendError } from './mailer';
import { SmtpPool } from './smtp-pool';

const MESSAGE = 'From: a@astrobookings.test\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nHello\r\n';
const envelope = (to = 'b@example.com') => ({ from: 'a@astrobookings.test', to: [to] });

/**
 * An SMTP server that counts connections and messages, refuses
 * refused@example.com, drops idle sessions after `idleMs`, and with `password`
 * takes only sessions logged in as "mailer" with it.
 */
async function countingServer({ idleMs = 60_000, password = '' } = {}) {
  const seen = { connections: 0, messages: 0 };
  const server = new SMTPServer({
    authOptional: password === '',
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) =>
      auth.username === 'mailer' && auth.password === password
        ? callback(null, { user: auth.username })
        : callback(new Error('wrong credentials')),
    disabledCommands: ['STARTTLS'],
    logger: false,
    socketTimeout: idleMs,
    onConnect: (_session, callback) => {
      seen.connections += 1;
      callback();
    },
    onRcptTo: (address, _session, callback) =>
      callback(
        address.address === 'refused@example.com'
          ? Object.assign(new Error('refused'), { responseCode: 550 })
          : undefined,
      ),
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => {
        seen.messages += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    seen,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('SmtpPool', () => {
  it('sends messages at once over at most `size` connections, reusing them', async () => {
    const server = await countingServer();
    const pool = new SmtpPool({ url: server.url, size: 3, timeoutMs: 5_000 });
    try {
      await Promise.all(Array.from({ length: 30 }, () => pool.send(envelope(), MESSAGE)));
      await Promise.all(Array.from({ length: 30 }, () => pool.send(envelope(), MESSAGE)));

      expect(server.seen.messages).toBe(60);
      expect(server.seen.connections).toBe(3);
    } finally {
      pool.close();
      await server.close();
    }
  });

  it('closes a connection whose send failed; the next send opens another', async () => {
    const server = await countingServer();
    const pool = new SmtpPool({ url: server.url, size: 1, timeoutMs: 5_000 });
    try {
      const refused = await pool
        .send(envelope('refused@example.com'), MESSAGE)
        .catch((error: unknown) => error);
      expect(classifySendError(refused)).toMatchObject({ kind: 'refused', permanent: true });

      await pool.send(envelope(), MESSAGE);
      expect(server.seen).toEqual({ connections: 2, messages: 1 });
    } finally {
      pool.close();
      await server.close();
    }
  });

  it('retires a connection the server closed while it was idle, and sends over a new one', async () => {
    const server = await countingServer({ idleMs: 300 });
    const pool = new SmtpPool({ url: server.url, size: 1, timeoutMs: 5_000 });
    try {
      await pool.send(envelope(), MESSAGE);
      await sleep(800);
      await pool.send(envelope(), MESSAGE);

      expect(server.seen).toEqual({ connections: 2, messages: 2 });
    } finally {
      pool.close();
      await server.close();
    }
  });

  it('once closed, fails sends as never handed over', async () => {
    const server = await countingServer();
    const pool = new SmtpPool({ url: server.url, size: 1, timeoutMs: 5_000 });
    try {
      await pool.send(envelope(), MESSAGE);
      pool.close();

      const error = await pool.send(envelope(), MESSAGE).catch((error: unknown) => error);
      expect(classifySendError(error)).toMatchObject({ kind: 'unreached' });
      expect(server.seen.messages).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('logs in with the credentials of the URL', async () => {
    const server = await countingServer({ password: 'p:ss/word' });
    const url = new URL(server.url);
    url.username = 'mailer';
    url.password = encodeURIComponent('p:ss/word');
    const pool = new SmtpPool({ url: url.toString(), size: 1, timeoutMs: 5_000 });
    try {
      await pool.send(envelope(), MESSAGE);
      expect(server.seen.messages).toBe(1);
    } finally {
      pool.close();
      await server.close();
    }
  });
});
