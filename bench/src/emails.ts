import {
  createQueue,
  enqueueNotification,
  NotificationKind,
  QueueName,
} from '@astrobookings/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import { customer, jobsOfEveryKind } from '../../test/support/notification-jobs';
import type { TestSmtpServer } from '../../test/support/smtp';
import type { Benchmark } from './context';
import { cpuSeconds } from './process-metrics';

const RECIPIENT_PREFIX = 'mailbench-';
const GIVE_UP_MS = 180_000;

/**
 * Emails per second from the notification worker to a local SMTP server: `n`
 * notifications of every customer kind put on the queue at once, timed from
 * the first enqueue to the last email received.
 */
export function emailThroughput(smtp: TestSmtpServer): Benchmark {
  return async (context) => {
    const { stack, profile } = context;
    const queue = createQueue(QueueName.Notifications, {
      redisUrl: stack.env.REDIS_URL!,
      prefix: stack.env.REDIS_KEY_PREFIX!,
    });
    const ours = () =>
      smtp.received.filter((mail) => mail.envelopeTo.some((to) => to.startsWith(RECIPIENT_PREFIX)));
    const before = ours().length;
    // Messages, not copies: a second copy of one (same Message-ID) is not another email.
    const messagesSince = () =>
      new Set(
        ours()
          .slice(before)
          .map((mail) => mail.messageId),
      ).size;
    const jobs = [];
    for (let i = 0; jobs.length < profile.emails; i++) {
      jobs.push(
        ...jobsOfEveryKind(
          `mailbench-${Date.now()}-${i}`,
          customer(`${RECIPIENT_PREFIX}${i}`),
        ).filter((job) => job.kind !== NotificationKind.LaunchScheduled),
      );
    }
    const wanted = jobs.slice(0, profile.emails);
    // The worker's CPU per email: a figure the machine's other load does not skew.
    const worker = [stack.baseUrls.notificationsWorker];
    const [cpuBefore] = await cpuSeconds(worker);
    const started = performance.now();
    try {
      for (let i = 0; i < wanted.length; i += 100) {
        await Promise.all(wanted.slice(i, i + 100).map((job) => enqueueNotification(queue, job)));
      }
      const enqueuedIn = performance.now() - started;
      const deadline = Date.now() + GIVE_UP_MS;
      while (messagesSince() < wanted.length && Date.now() < deadline) await sleep(10);
      const elapsed = (performance.now() - started) / 1000;
      const messages = messagesSince();
      const copies = ours().length - before - messages;
      const [cpuAfter] = await cpuSeconds(worker);
      return [
        {
          name: 'emails per second to SMTP',
          value: messages === wanted.length ? messages / elapsed : undefined,
          unit: '/s',
          target: { op: '>=', value: 200 },
          note: `${messages}/${wanted.length} emails in ${elapsed.toFixed(1)} s (enqueued in ${Math.round(enqueuedIn)} ms)${copies > 0 ? `, ${copies} second copies of a message` : ''}`,
        },
        {
          name: 'emails: notification worker CPU per email',
          value: messages > 0 ? ((cpuAfter - cpuBefore) * 1000) / messages : undefined,
          unit: 'ms',
          note: 'process_cpu_seconds_total of the worker over the run, per email received',
        },
      ];
    } finally {
      await queue.close();
    }
  };
}
