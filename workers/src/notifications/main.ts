import {
  connectMongo,
  createHttpApp,
  createRedis,
  customerNotificationModel,
  listen,
  Metrics,
  mongoCheck,
  mountErrorHandlers,
  notificationStatusModels,
  NotificationStatusRepository,
  queueConnection,
  queuePrefix,
  redisCheck,
  runProcess,
} from '@astrobookings/shared';
import { CustomerNotificationRepository } from './customer-notification.repository';
import { Mailer, senderDomain } from './mailer';
import { NotificationService } from './notification.service';
import { startNotificationWorker } from './notification.worker';

const SERVICE = 'notifications-worker';
/**
 * How long each of an email's four inserts (customer copy, claim, delivery
 * record, status) waits for other jobs' to share its round trip. Without it,
 * jobs reach each insert a few milliseconds apart and most round trips carry
 * one or two documents, each costing FerretDB and PostgreSQL as much as ten
 * documents more; an email taking 4 × 40 ms longer costs nothing, given the
 * jobs at once (NOTIFICATION_CONCURRENCY) to cover the wait.
 */
const INSERT_WAIT_MS = 40;

runProcess(
  SERVICE,
  ['customerMongo', 'redis', 'smtp', 'http', 'ports', 'notifications'],
  async ({ config, logger, lifecycle }) => {
    const systemMongo = await connectMongo(config.systemMongo.url);
    lifecycle.onShutdown('system mongo', () => systemMongo.close());
    const customerMongo = await connectMongo(config.customerMongo.url);
    lifecycle.onShutdown('customer mongo', () => customerMongo.close());
    const redis = createRedis(config.redis.url, SERVICE);
    lifecycle.onShutdown('redis', () => redis.quit());

    const statuses = new NotificationStatusRepository(
      notificationStatusModels(systemMongo),
      INSERT_WAIT_MS,
    );
    const customerCopies = new CustomerNotificationRepository(
      customerNotificationModel(customerMongo),
      INSERT_WAIT_MS,
    );
    await Promise.all([statuses.ensureIndexes(), customerCopies.ensureIndexes()]);

    const mailer = new Mailer({
      url: config.smtp.url,
      from: config.smtp.from,
      poolSize: config.notifications.smtpPoolSize,
      timeoutMs: config.notifications.smtpTimeoutMs,
    });
    lifecycle.onShutdown('smtp pool', () => mailer.close());
    const service = new NotificationService(
      statuses,
      customerCopies,
      mailer,
      {
        maxAttempts: config.notifications.attempts,
        sendLeaseMs: config.notifications.sendLeaseMs,
        messageIdDomain: senderDomain(config.smtp.from),
      },
      logger,
    );

    const metrics = new Metrics(SERVICE);
    // SMTP is not a readiness dependency: while it is down, mail waits in the queue and retries.
    const app = createHttpApp({
      service: SERVICE,
      metrics,
      dependencies: [
        mongoCheck('system-mongo', systemMongo),
        mongoCheck('customer-mongo', customerMongo),
        redisCheck(redis),
      ],
    });
    mountErrorHandlers(app, logger);
    await listen(app, config.ports.notificationsWorker, config.http.host, lifecycle);

    const worker = startNotificationWorker(
      service,
      {
        connection: queueConnection(config.redis.url),
        prefix: queuePrefix(config.redis.keyPrefix),
        concurrency: config.notifications.concurrency,
        backoffMs: config.notifications.backoffMs,
      },
      logger,
      metrics.registry,
    );
    // Registered last, so it stops taking jobs first and lets running ones finish.
    lifecycle.onShutdown('notification worker', () => worker.close());
    logger.info(
      { port: config.ports.notificationsWorker, concurrency: config.notifications.concurrency },
      'notification worker running',
    );
  },
);
