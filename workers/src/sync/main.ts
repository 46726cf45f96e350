import { createAdminServices } from '@astrobookings/admin-subgraph/dist/admin-services';
import { createPrismaClient } from '@astrobookings/prisma';
import {
  catalogChannel,
  connectMongo,
  createHttpApp,
  createLogger,
  createLogShipper,
  createQueue,
  createRedis,
  customerBookingModel,
  customerInvoiceModel,
  customerProfileModel,
  enqueueSyncJob,
  launchViewModel,
  Lifecycle,
  listen,
  loadConfig,
  Metrics,
  mongoCheck,
  mountErrorHandlers,
  QueueName,
  queueConnection,
  queuePrefix,
  redisCheck,
  runMain,
  SyncJobName,
  syncJobIds,
  syncLogModel,
  syncOutcomeChannel,
  waitlistEntryModel,
  withCorrelationId,
} from '@astrobookings/shared';
import { Worker, type Job } from 'bullmq';
import { Gauge } from 'prom-client';
import { BookingRequestHandler } from './handlers/booking-request.handler';
import { OutboxEventHandler } from './handlers/outbox-event.handler';
import { Reconciler } from './handlers/reconciler';
import { WaitlistRequestHandler } from './handlers/waitlist-request.handler';
import { NotificationPlanner } from './notifications/notification-planner';
import { RecipientDirectory, systemUserModel } from './notifications/recipient-directory';
import { OperationalReader } from './operational/operational.reader';
import { OutboxRepository } from './operational/outbox.repository';
import { WaitlistRepository } from './operational/waitlist.repository';
import { CatalogAnnouncer } from './catalog-announcer';
import { OutcomeAnnouncer } from './outcome-announcer';
import { BookingCopies } from './read-model/booking-copies';
import { InvoiceCopies } from './read-model/invoice-copies';
import { LaunchCopies } from './read-model/launch-copies';
import { WaitlistCopies } from './read-model/waitlist-copies';
import { SyncLogRecorder } from './sync-log.recorder';
import { SyncProcessor } from './sync.processor';
import { OutboxListener } from './timers/outbox-listener';
import { OutboxRelay } from './timers/outbox-relay';
import { RequestSweeper } from './timers/request-sweeper';
import { Ticker } from './timers/ticker';

const SERVICE = 'sync-worker';
/** Expired waitlist holds released per sweep. */
const HOLDS_PER_SWEEP = 100;
/** A job whose worker died is run again at most this many times before it fails. */
const MAX_STALLED = 3;
const DAY_MS = 86_400_000;
/** How often processed outbox events past their retention are deleted. */
const OUTBOX_PURGE_MS = 10 * 60_000;

const config = loadConfig(SERVICE, [
  'database',
  'customerMongo',
  'systemMongo',
  'redis',
  'http',
  'ports',
  'admin',
  'sync',
  'logShipping',
]);
const logShipper = createLogShipper(SERVICE, config);
const logger = createLogger(SERVICE, { level: config.logLevel, streams: logShipper.streams });

function correlationIdOf(job: Job): string {
  const data = job.data as { correlationId?: unknown } | undefined;
  return typeof data?.correlationId === 'string' ? data.correlationId : (job.id ?? 'sync');
}

async function main(): Promise<void> {
  const lifecycle = new Lifecycle(logger);
  lifecycle.installSignalHandlers();
  // Registered first, so it closes last and ships the shutdown's own lines.
  lifecycle.onShutdown('log shipping', () => logShipper.close());

  const prisma = createPrismaClient(config.database.url, {
    maxConnections: config.sync.databasePoolSize,
  });
  await prisma.$connect();
  lifecycle.onShutdown('postgresql', () => prisma.$disconnect());
  const customerMongo = await connectMongo(config.customerMongo.url);
  lifecycle.onShutdown('customer mongo', () => customerMongo.close());
  const systemMongo = await connectMongo(config.systemMongo.url);
  lifecycle.onShutdown('system mongo', () => systemMongo.close());
  const redis = createRedis(config.redis.url, SERVICE);
  lifecycle.onShutdown('redis', () => redis.quit());
  const queueSettings = { redisUrl: config.redis.url, prefix: config.redis.keyPrefix };
  const syncQueue = createQueue(QueueName.Sync, queueSettings);
  lifecycle.onShutdown('sync queue', () => syncQueue.close());
  const notificationQueue = createQueue(QueueName.Notifications, queueSettings);
  lifecycle.onShutdown('notification queue', () => notificationQueue.close());

  const clock = () => new Date();
  const { services } = createAdminServices(prisma, config.admin);
  const outbox = new OutboxRepository(prisma);
  const operational = new OperationalReader(prisma);
  const waitlists = new WaitlistRepository(prisma);
  const catalog = new CatalogAnnouncer(redis, catalogChannel(config.redis.keyPrefix), logger);
  const launches = new LaunchCopies(launchViewModel(customerMongo), (change) =>
    catalog.announce(change),
  );
  const bookings = new BookingCopies(customerBookingModel(customerMongo));
  const invoices = new InvoiceCopies(customerInvoiceModel(customerMongo));
  const waitlist = new WaitlistCopies(waitlistEntryModel(customerMongo));
  const syncLog = new SyncLogRecorder(syncLogModel(systemMongo), logger, clock);
  await Promise.all(
    [launches, bookings, invoices, waitlist, syncLog].map((store) => store.ensureIndexes()),
  );
  const announcer = new OutcomeAnnouncer(redis, syncOutcomeChannel(config.redis.keyPrefix), logger);
  const notifications = new NotificationPlanner(
    notificationQueue,
    new RecipientDirectory(
      customerProfileModel(customerMongo),
      systemUserModel(systemMongo),
      operational,
    ),
    operational,
    logger,
  );

  const metrics = new Metrics(SERVICE);
  const processor = new SyncProcessor(
    {
      outbox,
      events: new OutboxEventHandler({
        launches,
        bookings,
        invoices,
        waitlist,
        operational,
        waitlists,
        notifications,
        announcer,
        logger,
        clock,
      }),
      bookings: new BookingRequestHandler(
        services.bookings,
        bookings,
        operational,
        announcer,
        clock,
      ),
      waitlist: new WaitlistRequestHandler(
        waitlists,
        outbox,
        waitlist,
        announcer,
        config.sync.waitlistHoldMinutes,
        clock,
      ),
      reconciler: new Reconciler(operational, launches, bookings, invoices, waitlist, clock),
    },
    syncLog,
    logger,
    metrics.registry,
    clock,
  );
  new Gauge({
    name: 'sync_outbox_backlog',
    help: 'Outbox events not processed yet',
    registers: [metrics.registry],
    async collect() {
      this.set((await outbox.backlog()).count);
    },
  });
  new Gauge({
    name: 'sync_outbox_oldest_age_seconds',
    help: 'How long the oldest unprocessed outbox event has waited',
    registers: [metrics.registry],
    async collect() {
      this.set((await outbox.backlog()).oldestAgeMs / 1000);
    },
  });

  const app = createHttpApp({
    service: SERVICE,
    metrics,
    dependencies: [
      { name: 'postgresql', check: () => prisma.$queryRaw`SELECT 1` },
      mongoCheck('customer-mongo', customerMongo),
      mongoCheck('system-mongo', systemMongo),
      redisCheck(redis),
    ],
  });
  mountErrorHandlers(app, logger);
  await listen(app, config.ports.syncWorker, config.http.host, lifecycle);

  const syncLogFlush = new Ticker(
    'sync log',
    config.sync.syncLogFlushMs,
    () => syncLog.flush(),
    logger,
  );
  // Registered before the worker, so it runs after the worker has finished its jobs.
  lifecycle.onShutdown('sync log', async () => {
    await syncLogFlush.stop();
    await syncLog.flush();
  });

  const worker = new Worker(
    QueueName.Sync,
    (job: Job) => withCorrelationId(correlationIdOf(job), () => processor.run(job)),
    {
      connection: queueConnection(config.redis.url),
      prefix: queuePrefix(config.redis.keyPrefix),
      concurrency: config.sync.concurrency,
      lockDuration: config.sync.jobLockMs,
      stalledInterval: config.sync.jobLockMs,
      maxStalledCount: MAX_STALLED,
    },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'sync worker error'));
  // Closes before the stores: stops taking jobs and lets running ones finish.
  lifecycle.onShutdown('sync worker', () => worker.close());

  const relay = new OutboxRelay(
    outbox,
    syncQueue,
    {
      batchSize: config.sync.outboxBatchSize,
      redriveAfterMs: config.sync.outboxRedriveAfterMs,
      retentionMs: config.sync.outboxRetentionDays * DAY_MS,
    },
    logger,
  );
  const sweeper = new RequestSweeper(
    bookings,
    waitlist,
    syncQueue,
    config.sync.requestRedriveAfterMs,
    logger,
  );
  const reconcileEvery = config.sync.reconcileIntervalMs;
  const relayTicker = new Ticker(
    'outbox relay',
    config.sync.outboxPollMs,
    () => relay.dispatchPending(),
    logger,
  );
  const listener = new OutboxListener(config.database.url, () => relayTicker.runNow(), logger);
  const tickers = [
    relayTicker,
    new Ticker(
      'outbox re-drive',
      Math.max(config.sync.outboxPollMs, config.sync.outboxRedriveAfterMs / 2),
      () => relay.redriveStale(clock()),
      logger,
    ),
    new Ticker('outbox purge', OUTBOX_PURGE_MS, () => relay.purgeProcessed(clock()), logger),
    new Ticker(
      'request re-drive',
      Math.max(config.sync.outboxPollMs, config.sync.requestRedriveAfterMs / 2),
      () => sweeper.sweep(clock()),
      logger,
    ),
    new Ticker(
      'waitlist holds',
      config.sync.waitlistSweepMs,
      () => waitlists.expireDue(HOLDS_PER_SWEEP),
      logger,
    ),
    // One sweep per interval across every worker instance: the job id names the interval.
    new Ticker(
      'reconciliation',
      reconcileEvery,
      () => {
        const slot = Math.floor(clock().getTime() / reconcileEvery);
        return enqueueSyncJob(
          syncQueue,
          SyncJobName.Reconcile,
          { slot },
          syncJobIds.reconcile(slot),
        );
      },
      logger,
    ),
    syncLogFlush,
  ];
  // Registered last, so they stop first: nothing new is handed out while the worker drains.
  lifecycle.onShutdown('timers', () =>
    Promise.all(tickers.filter((t) => t !== syncLogFlush).map((t) => t.stop())),
  );
  lifecycle.onShutdown('outbox listener', () => listener.stop());
  for (const ticker of tickers) ticker.start();
  listener.start();
  logger.info(
    { port: config.ports.syncWorker, concurrency: config.sync.concurrency },
    'sync worker running',
  );
}

runMain(logger, main);
