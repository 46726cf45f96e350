import {
  createLogger,
  NotificationState,
  NotificationStatusRepository,
  notificationStatusModels,
  readConfig,
  SyncDirection,
  syncLogModel,
  systemLogModel,
} from '@astrobookings/shared';
import mongoose, { Types, type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { systemMetricsModel } from '../metrics/system-metrics.model';
import { SystemMetricsRepository } from '../metrics/system-metrics.repository';
import { SyncLogRepository } from '../sync-log/sync-log.repository';
import { SystemLogRepository } from '../system-log/system-log.repository';
import { RetentionSweeper } from './retention-sweeper';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const NOW = new Date('2027-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

let connection: Connection;

beforeAll(async () => {
  const url = new URL(readConfig('retention-int', ['systemMongo']).systemMongo.url);
  url.pathname = `/astro_system_test_retention_${randomUUID().slice(0, 8)}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
});

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

it('purges logs, metrics, sync runs and settled notifications past their retention and keeps the rest', async () => {
  const logs = systemLogModel(connection);
  await logs.collection.insertMany(
    [20, 15, 13, 1].map((days) => ({
      _id: new Types.ObjectId(),
      timestamp: daysAgo(days),
      level: 'info',
      service: 'auth',
      message: `${days} days old`,
      shippedAt: daysAgo(days),
    })),
  );
  const metrics = systemMetricsModel(connection);
  await metrics.collection.insertMany(
    [40, 29].map((days) => ({
      takenAt: daysAgo(days),
      intervalSeconds: 15,
      requestRate: 1,
      errorRate: 0,
      errorRatio: 0,
      p95LatencyMs: null,
      queueDepth: 0,
      services: [],
      queues: [],
    })),
  );
  const syncLogs = syncLogModel(connection);
  await syncLogs.collection.insertMany(
    [31, 2].map((days) => ({
      _id: `run-${days}` as never,
      direction: SyncDirection.TO_CUSTOMER_STORE,
      entity: 'launch',
      trigger: 'outbox',
      processed: 1,
      applied: 1,
      skipped: 0,
      failed: 0,
      errorMessages: [],
      startedAt: daysAgo(days),
      finishedAt: daysAgo(days),
    })),
  );
  const notifications = notificationStatusModels(connection);
  const statuses: [string, NotificationState, number][] = [
    ['sent-old', NotificationState.SENT, 100],
    ['failed-old', NotificationState.FAILED, 95],
    ['queued-old', NotificationState.QUEUED, 100],
    ['sent-new', NotificationState.SENT, 10],
  ];
  await notifications.statuses.collection.insertMany(
    statuses.map(([id, status, days]) => ({
      _id: id as never,
      kind: 'BOOKING_CONFIRMED',
      recipientUserId: 'user-1',
      recipientEmail: 'user@example.com',
      recipientRole: 'CUSTOMER',
      subject: id,
      status,
      attempts: 1,
      lastError: null,
      job: {},
      manualRetries: 0,
      createdAt: daysAgo(days),
      updatedAt: daysAgo(days),
    })),
  );
  await notifications.claims.collection.insertMany(
    [
      ['sent-old', 100],
      ['sent-new', 10],
    ].map(([id, days]) => ({
      _id: `${id}:0` as never,
      notificationId: id,
      generation: 0,
      claimedAt: daysAgo(days as number),
      leaseUntil: daysAgo(days as number),
    })),
  );
  await notifications.deliveries.collection.insertMany(
    [
      ['sent-old', 100],
      ['sent-new', 10],
    ].map(([id, days]) => ({
      _id: id as never,
      messageId: `<${id}@astrobookings.test>`,
      sentAt: daysAgo(days as number),
    })),
  );

  const sweeper = new RetentionSweeper(
    [
      {
        name: 'system_logs',
        retentionDays: 14,
        purgeOlderThan: (c) => new SystemLogRepository(logs).purgeOlderThan(c),
      },
      {
        name: 'system_metrics',
        retentionDays: 30,
        purgeOlderThan: (c) => new SystemMetricsRepository(metrics).purgeOlderThan(c),
      },
      {
        name: 'sync_logs',
        retentionDays: 30,
        purgeOlderThan: (c) => new SyncLogRepository(syncLogs).purgeOlderThan(c),
      },
      {
        name: 'notification_statuses',
        retentionDays: 90,
        purgeOlderThan: (c) =>
          new NotificationStatusRepository(notifications).purgeSettledBefore(c),
      },
    ],
    createLogger('retention-int', { level: 'silent' }),
  );

  expect(await sweeper.sweep(NOW)).toEqual({
    system_logs: 2,
    system_metrics: 1,
    sync_logs: 1,
    notification_statuses: 2,
  });
  expect((await logs.find().lean()).map((log) => log.message).sort()).toEqual([
    '1 days old',
    '13 days old',
  ]);
  expect(await metrics.countDocuments()).toBe(1);
  expect((await syncLogs.find().lean()).map((run) => run._id)).toEqual(['run-2']);
  // A notification still under way is kept however old; the send records of old sends go.
  expect((await notifications.statuses.find().lean()).map((n) => n._id).sort()).toEqual([
    'queued-old',
    'sent-new',
  ]);
  expect((await notifications.claims.find().lean()).map((c) => c._id)).toEqual(['sent-new:0']);
  expect((await notifications.deliveries.find().lean()).map((d) => d._id)).toEqual(['sent-new']);
  expect(await sweeper.sweep(NOW)).toEqual({
    system_logs: 0,
    system_metrics: 0,
    sync_logs: 0,
    notification_statuses: 0,
  });
});
