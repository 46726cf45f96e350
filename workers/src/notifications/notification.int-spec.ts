import {
  createLogger,
  createQueue,
  customerNotificationModel,
  enqueueNotification,
  NotificationKind,
  notificationJobOptions,
  NotificationState,
  notificationStatusModels,
  NotificationStatusRepository,
  QueueName,
  queueConnection,
  queuePrefix,
  readConfig,
  RecipientRole,
  type CustomerNotificationModel,
  type NotificationJob,
  type NotificationStatusRecord,
} from '@astrobookings/shared';
import type { Queue, Worker } from 'bullmq';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Registry } from 'prom-client';
import { eventually } from '../../../test/support/eventually';
import { customer, jobsOfEveryKind } from '../../../test/support/notification-jobs';
import { TestSmtpServer } from '../../../test/support/smtp';
import { CustomerNotificationRepository } from './customer-notification.repository';
import { Mailer } from './mailer';
import { NotificationService } from './notification.service';
import { renderNotification } from './notification.templates';
import { startNotificationWorker } from './notification.worker';

// Real stores and a real SMTP server: slower than the default five seconds.
jest.setTimeout(60_000);

const RUN = randomUUID().slice(0, 8);
const stores = readConfig('notification-int', ['systemMongo', 'customerMongo', 'redis']);
const logger = createLogger('notification-int', { level: 'silent' });
const FROM = 'AstroBookings <no-reply@astrobookings.test>';

function onDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

let systemMongo: Connection;
let customerMongo: Connection;
let statuses: NotificationStatusRepository;
let copies: CustomerNotificationModel;

interface Rig {
  queue: Queue;
  worker: Worker;
  service: NotificationService;
  close(): Promise<void>;
}
const rigs: Rig[] = [];

function serviceSendingTo(
  smtpUrl: string,
  { attempts = 5, sendLeaseMs = 60_000 } = {},
): { service: NotificationService; mailer: Mailer } {
  const mailer = new Mailer({ url: smtpUrl, from: FROM, poolSize: 5, timeoutMs: 5_000 });
  const service = new NotificationService(
    statuses,
    new CustomerNotificationRepository(copies),
    mailer,
    { maxAttempts: attempts, sendLeaseMs, messageIdDomain: 'astrobookings.test' },
    logger,
  );
  return { service, mailer };
}

/** A queue of its own (own Redis prefix) with a worker sending to `smtpUrl`. */
function startRig(
  smtpUrl: string,
  { attempts = 5, backoffMs = 100, sendLeaseMs = 60_000 } = {},
): Rig {
  const prefix = `test_ntf_${RUN}_${rigs.length}`;
  const queue = createQueue(QueueName.Notifications, { redisUrl: stores.redis.url, prefix });
  const { service, mailer } = serviceSendingTo(smtpUrl, { attempts, sendLeaseMs });
  const worker = startNotificationWorker(
    service,
    {
      connection: queueConnection(stores.redis.url),
      prefix: queuePrefix(prefix),
      concurrency: 10,
      backoffMs,
    },
    logger,
    new Registry(),
  );
  const rig: Rig = {
    queue,
    worker,
    service,
    async close() {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      mailer.close();
    },
  };
  rigs.push(rig);
  return rig;
}

const messageIdOf = (job: { id: string }): string => `<${job.id}@astrobookings.test>`;

function uniqueJob(kind = NotificationKind.BookingConfirmed, who = customer()): NotificationJob {
  const job = jobsOfEveryKind(`evt-${randomUUID()}`, who).find((j) => j.kind === kind);
  if (job === undefined) throw new Error(`no fixture for ${kind}`);
  return job;
}

function statusOf(
  id: string,
  wanted: NotificationState,
  timeoutMs = 15_000,
): Promise<NotificationStatusRecord> {
  return eventually(
    async () => {
      const status = await statuses.find(id);
      return status?.status === wanted ? status : undefined;
    },
    { timeoutMs, what: `notification ${id} to be ${wanted}` },
  );
}

/**
 * An SMTP server that reads a whole message, then drops the connection
 * without answering: the sender cannot know whether it was delivered.
 */
async function droppingSmtp(): Promise<{
  url: string;
  dropped: () => number;
  close(): Promise<void>;
}> {
  let dropped = 0;
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    socket.write('220 dropping.test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (buffer.endsWith('\r\n.\r\n')) {
          dropped++;
          socket.destroy();
        }
        return;
      }
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const verb = buffer.slice(0, 4).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else {
          socket.write(verb === 'EHLO' ? '250 dropping.test\r\n' : '250 OK\r\n');
        }
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    dropped: () => dropped,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const normalise = (text: string): string => text.replace(/\r\n/g, '\n').trim();

beforeAll(async () => {
  systemMongo = await mongoose
    .createConnection(onDatabase(stores.systemMongo.url, `astro_system_test_ntf_${RUN}`))
    .asPromise();
  customerMongo = await mongoose
    .createConnection(onDatabase(stores.customerMongo.url, `astro_customer_test_ntf_${RUN}`))
    .asPromise();
  statuses = new NotificationStatusRepository(notificationStatusModels(systemMongo));
  copies = customerNotificationModel(customerMongo);
  await statuses.ensureIndexes();
  await new CustomerNotificationRepository(copies).ensureIndexes();
});

afterAll(async () => {
  await Promise.all(rigs.map((rig) => rig.close()));
  await systemMongo.dropDatabase();
  await customerMongo.dropDatabase();
  await Promise.all([systemMongo.close(), customerMongo.close()]);
});

describe('notification worker with a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let rig: Rig;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    rig = startRig(smtp.url);
  });
  afterAll(() => smtp.stop());

  it('mails every kind once, with its content, and keeps the customers’ copies', async () => {
    const who = customer(`every-${RUN}`);
    const jobs = jobsOfEveryKind(`evt-every-${RUN}`, who);
    await Promise.all(jobs.map((job) => enqueueNotification(rig.queue, job)));

    for (const job of jobs) {
      const status = await statusOf(job.id, NotificationState.SENT);
      const expected = renderNotification(job).email;
      const mails = smtp.withMessageId(messageIdOf(job));
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.envelopeTo).toEqual([job.recipient.email]);
      expect(mail.envelopeFrom).toBe('no-reply@astrobookings.test');
      // Quoted when the name has characters that need it.
      expect(mail.headers.get('to')?.replaceAll('"', '')).toBe(
        `${job.recipient.name} <${job.recipient.email}>`,
      );
      expect(mail.subject).toBe(expected.subject);
      expect(normalise(mail.text)).toBe(normalise(expected.text));
      expect(normalise(mail.html)).toBe(normalise(expected.html));
      expect(status).toMatchObject({
        subject: expected.subject,
        recipientEmail: job.recipient.email,
        attempts: 1,
        lastError: null,
      });
    }

    const customerJobs = jobs.filter((job) => job.recipient.role === RecipientRole.Customer);
    const stored = await copies.find({ userId: who.userId }).sort({ createdAt: 1 }).lean();
    expect(stored.map((copy) => copy._id).sort()).toEqual(customerJobs.map((j) => j.id).sort());
    const confirmed = stored.find((copy) => copy.kind === NotificationKind.BookingConfirmed);
    expect(confirmed).toMatchObject({
      subject: 'Booking confirmed: Artemis Tourist 3 to Lunar orbit',
      bookingId: 'booking-91c2',
      launchId: 'launch-7f3a',
    });
    // The supplier's launch email is not a customer notification.
    const supplierJob = jobs.find((job) => job.kind === NotificationKind.LaunchScheduled)!;
    expect(await copies.exists({ _id: supplierJob.id })).toBeNull();
  });

  it('sends one email when the same notification is enqueued, and run, twice', async () => {
    const job = uniqueJob();
    await Promise.all([enqueueNotification(rig.queue, job), enqueueNotification(rig.queue, job)]);
    await statusOf(job.id, NotificationState.SENT);

    // BullMQ forgets completed jobs after a while; the same event arriving again runs the job again.
    const first = await rig.queue.getJob(job.id);
    await first!.remove();
    await enqueueNotification(rig.queue, job);
    const rerun = await eventually(
      async () => {
        // One read: the state and the return value of the same moment.
        const again = await rig.queue.getJob(job.id);
        return again?.finishedOn !== undefined ? again : undefined;
      },
      { what: 'the second run' },
    );
    expect(rerun.returnvalue).toBe('already-sent');
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(1);
    expect(await copies.countDocuments({ _id: job.id })).toBe(1);
  });

  it('sends one email when two runs of one job race (a lock lost mid-job)', async () => {
    const job = uniqueJob(NotificationKind.LaunchDelayed);
    const outcomes = await Promise.all([
      rig.service.deliver(job, 1),
      rig.service.deliver(job, 1),
      rig.service.deliver(job, 1),
    ]);
    const sent = outcomes.filter((outcome) => outcome.outcome === 'sent');
    expect(sent).toHaveLength(1);
    // The others saw the claim: still sending (retry later) or already sent.
    for (const other of outcomes.filter((outcome) => outcome.outcome !== 'sent')) {
      expect(['wait', 'already-sent']).toContain(other.outcome);
    }
    expect(await rig.service.deliver(job, 2)).toEqual({ outcome: 'already-sent' });
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(1);
    expect((await statuses.find(job.id))?.status).toBe(NotificationState.SENT);
  });

  it('fails a mail that cannot be built, at once and alone', async () => {
    const good = uniqueJob();
    const badAddress = uniqueJob(NotificationKind.BookingRejected);
    badAddress.recipient = { ...badAddress.recipient, email: 'not an address' };
    const missingData = { ...uniqueJob(NotificationKind.InvoiceIssued), data: { invoice: {} } };
    for (const job of [badAddress, missingData, good]) {
      await rig.queue.add(job.kind, job, notificationJobOptions(job.id));
    }

    const addressStatus = await statusOf(badAddress.id, NotificationState.FAILED);
    expect(addressStatus.attempts).toBe(1);
    expect(addressStatus.lastError).toMatch(/^Cannot build the email: recipient\.email: /);
    expect(addressStatus.subject).toBe('(email not built: BOOKING_REJECTED)');
    const dataStatus = await statusOf(missingData.id, NotificationState.FAILED);
    expect(dataStatus.lastError).toMatch(/data\.invoice\.id/);
    expect(dataStatus.lastError).toMatch(/data\.invoice\.number/);
    await statusOf(good.id, NotificationState.SENT);

    const failedJob = await rig.queue.getJob(badAddress.id);
    expect(await failedJob!.getState()).toBe('failed');
    expect(failedJob!.attemptsMade).toBe(1);
    expect(smtp.withMessageId(messageIdOf(badAddress))).toHaveLength(0);
    expect(smtp.withMessageId(messageIdOf(missingData))).toHaveLength(0);
  });

  it('fails at once when the mail server refuses the address for good (5xx)', async () => {
    const job = uniqueJob(NotificationKind.BookingCancelled, customer(`gone-${RUN}`));
    smtp.refuse.set(job.recipient.email, 550);
    await enqueueNotification(rig.queue, job);
    const status = await statusOf(job.id, NotificationState.FAILED);
    expect(status.attempts).toBe(1);
    expect(status.lastError).toMatch(/^The mail server refused the email: .*550/);
    // Nothing was accepted, so nothing is recorded: an operator's retry sends it.
    expect(await statuses.findDelivery(job.id)).toBeUndefined();
    smtp.refuse.delete(job.recipient.email);
  });

  it('retries while the mail server refuses for now (4xx), then delivers once', async () => {
    const job = uniqueJob(NotificationKind.InvoiceIssued, customer(`busy-${RUN}`));
    smtp.refuse.set(job.recipient.email, 451);
    await enqueueNotification(rig.queue, job);
    await eventually(
      () =>
        smtp.refused.filter((address) => address === job.recipient.email).length >= 2 || undefined,
      { what: 'two refused attempts' },
    );
    const waiting = await statusOf(job.id, NotificationState.QUEUED);
    expect(waiting.lastError).toMatch(/451/);
    smtp.refuse.delete(job.recipient.email);
    const status = await statusOf(job.id, NotificationState.SENT);
    expect(status.attempts).toBeGreaterThanOrEqual(3);
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(1);
  });

  it('waits while an earlier run may still be sending, and sends once its lease is over', async () => {
    const job = uniqueJob();
    const claimedAt = new Date();
    await statuses.claimSend(job.id, claimedAt, 60_000);
    expect(await rig.service.deliver(job, 1)).toEqual({
      outcome: 'wait',
      until: new Date(claimedAt.getTime() + 60_000),
    });
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(0);

    // The run was killed before the server accepted anything: once the lease is over, one email.
    const killed = uniqueJob();
    await statuses.claimSend(killed.id, new Date(Date.now() - 120_000), 60_000);
    await enqueueNotification(rig.queue, killed);
    const status = await statusOf(killed.id, NotificationState.SENT);
    expect(status.lastError).toBeNull();
    expect(smtp.withMessageId(messageIdOf(killed))).toHaveLength(1);
  });

  it('delays a job until the lease it found ends, without counting an attempt', async () => {
    const job = uniqueJob(NotificationKind.LaunchCancelled);
    // A run killed a moment ago, its lease not yet over.
    await statuses.claimSend(job.id, new Date(Date.now() - 58_500), 60_000);
    await enqueueNotification(rig.queue, job);
    await eventually(
      async () => ((await rig.queue.getJobState(job.id)) === 'delayed' ? true : undefined),
      { what: 'the job delayed' },
    );
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(0);

    const status = await statusOf(job.id, NotificationState.SENT);
    expect(status.attempts).toBe(1);
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(1);
    // BullMQ counts the run that sent, not the one that waited.
    expect((await rig.queue.getJob(job.id))?.attemptsMade).toBe(1);
  });

  it('sends again, with the same Message-ID, when a run was killed after the server accepted but before its record', async () => {
    const job = uniqueJob(NotificationKind.LaunchAborted);
    // The killed run: it claimed (long ago), and the server took its email, then nothing.
    await statuses.claimSend(job.id, new Date(Date.now() - 120_000), 60_000);
    const mailer = new Mailer({ url: smtp.url, from: FROM, poolSize: 1, timeoutMs: 5_000 });
    const { email } = renderNotification(job);
    await mailer.send({
      to: { name: job.recipient.name, address: job.recipient.email },
      ...email,
      messageId: messageIdOf(job),
    });
    mailer.close();

    expect(await rig.service.deliver(job, 1)).toEqual({
      outcome: 'sent',
      messageId: messageIdOf(job),
    });
    // The one duplicate the rule allows: the same message twice, which mail systems recognise.
    const copies = smtp.withMessageId(messageIdOf(job));
    expect(copies).toHaveLength(2);
    const content = ({ messageId, subject, text, html, envelopeTo }: (typeof copies)[number]) => ({
      messageId,
      subject,
      text,
      html,
      envelopeTo,
    });
    expect(content(copies[1])).toEqual(content(copies[0]));
    expect(await rig.service.deliver(job, 2)).toEqual({ outcome: 'already-sent' });
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(2);
  });

  it('sends one email when runs race for an interrupted send', async () => {
    const job = uniqueJob(NotificationKind.WaitlistSeatsAvailable);
    await statuses.claimSend(job.id, new Date(Date.now() - 120_000), 60_000);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => rig.service.deliver(job, 1)));
    expect(outcomes.filter((outcome) => outcome.outcome === 'sent')).toHaveLength(1);
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(1);
    expect((await statuses.find(job.id))?.status).toBe(NotificationState.SENT);
  });

  it('measures delivery throughput to the local SMTP server', async () => {
    const jobs = Array.from({ length: 300 }, () => uniqueJob());
    const started = performance.now();
    await rig.queue.addBulk(
      jobs.map((job) => ({ name: job.kind, data: job, opts: notificationJobOptions(job.id) })),
    );
    await eventually(
      async () =>
        (await systemMongo
          .collection('notification_statuses')
          .countDocuments({ _id: { $in: jobs.map((job) => job.id) }, status: 'SENT' } as never)) ===
          jobs.length || undefined,
      { timeoutMs: 60_000, intervalMs: 200, what: 'all 300 emails' },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `notifications: ${jobs.length} emails in ${seconds.toFixed(1)} s = ${(jobs.length / seconds).toFixed(0)} emails/s`,
    );
    expect(new Set(jobs.flatMap((job) => smtp.withMessageId(messageIdOf(job)))).size).toBe(300);
  });
});

describe('notification worker while the mail server is down', () => {
  it('keeps retrying, then delivers once when the server is back', async () => {
    const smtp = await TestSmtpServer.down();
    const rig = startRig(smtp.url, { attempts: 20, backoffMs: 100 });
    const job = uniqueJob();
    await enqueueNotification(rig.queue, job);

    const waiting = await eventually(
      async () => {
        const status = await statuses.find(job.id);
        return (status?.attempts ?? 0) >= 3 ? status : undefined;
      },
      { what: 'three failed attempts' },
    );
    expect(waiting.status).toBe(NotificationState.QUEUED);
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);
    await smtp.up();
    const sent = await statusOf(job.id, NotificationState.SENT, 30_000);
    expect(sent.lastError).toBeNull();
    expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(1);
    await smtp.stop();
  });

  it('is FAILED after the last attempt', async () => {
    const smtp = await TestSmtpServer.down();
    const rig = startRig(smtp.url, { attempts: 3, backoffMs: 50 });
    const job = uniqueJob();
    await enqueueNotification(rig.queue, job);
    const failed = await statusOf(job.id, NotificationState.FAILED);
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/ECONNREFUSED.*\(gave up after 3 attempts\)/);
    const bullJob = await rig.queue.getJob(job.id);
    expect(await bullJob!.getState()).toBe('failed');
  });
});

describe('notification worker when the connection drops while sending', () => {
  it('sends again at once, with the same Message-ID, for the next attempt', async () => {
    const dropping = await droppingSmtp();
    const smtp = await TestSmtpServer.start();
    const first = serviceSendingTo(dropping.url);
    const second = serviceSendingTo(smtp.url);
    const job = uniqueJob(NotificationKind.BookingCancelled);
    try {
      const outcome = await first.service.deliver(job, 1);
      expect(outcome).toMatchObject({ outcome: 'retry' });
      expect(dropping.dropped()).toBe(1);
      const status = await statuses.find(job.id);
      expect(status).toMatchObject({ status: NotificationState.QUEUED, attempts: 1 });
      expect(await statuses.findDelivery(job.id)).toBeUndefined();

      // The failed send ended its lease (60 s here): the next attempt need not wait for it.
      expect(await second.service.deliver(job, 2)).toEqual({
        outcome: 'sent',
        messageId: messageIdOf(job),
      });
      expect(smtp.withMessageId(messageIdOf(job))).toHaveLength(1);
      expect(await statuses.find(job.id)).toMatchObject({
        status: NotificationState.SENT,
        attempts: 2,
        lastError: null,
      });
    } finally {
      first.mailer.close();
      second.mailer.close();
      await dropping.close();
      await smtp.stop();
    }
  });
});
