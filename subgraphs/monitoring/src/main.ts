import {
  AccessTokenVerifier,
  connectMongo,
  createRedis,
  mongoCheck,
  notificationStatusModels,
  NotificationStatusRepository,
  QueueName,
  redisCheck,
  ServiceContainer,
  startSubgraphServer,
  syncLogModel,
  systemLogModel,
  runProcess,
} from '@astrobookings/shared';
import { ServiceHealthResolver } from './health/service-health.resolver';
import { ServiceHealthService } from './health/service-health.service';
import { watchedProcesses } from './health/watched-processes';
import { MetricsCollector } from './metrics/metrics-collector';
import { systemMetricsModel } from './metrics/system-metrics.model';
import { SystemMetricsRepository } from './metrics/system-metrics.repository';
import { SystemMetricsResolver } from './metrics/system-metrics.resolver';
import { NotificationStatusResolver } from './notification/notification-status.resolver';
import { NotificationStatusService } from './notification/notification-status.service';
import { NotificationRequeuer } from './notification/notification.requeuer';
import { ProjectQueues } from './queue/project-queues';
import { QueueResolver } from './queue/queue.resolver';
import { RetentionSweeper } from './retention/retention-sweeper';
import { buildMonitoringSchema } from './schema';
import { SyncLogRepository } from './sync-log/sync-log.repository';
import { SyncLogResolver } from './sync-log/sync-log.resolver';
import { SystemLogResolver } from './system-log/system-log.resolver';
import { SystemLogRepository } from './system-log/system-log.repository';
import { SystemLogService } from './system-log/system-log.service';

const SERVICE = 'monitoring';

runProcess(
  SERVICE,
  ['redis', 'http', 'ports', 'tokens', 'graphql', 'subgraphUrls', 'monitoring'],
  async ({ config, logger, lifecycle }) => {
    const mongo = await connectMongo(config.systemMongo.url);
    lifecycle.onShutdown('system mongo', () => mongo.close());
    const redis = createRedis(config.redis.url, SERVICE);
    lifecycle.onShutdown('redis', () => redis.quit());
    const queues = new ProjectQueues({
      redisUrl: config.redis.url,
      prefix: config.redis.keyPrefix,
    });
    lifecycle.onShutdown('queues', () => queues.close());

    const logs = new SystemLogRepository(systemLogModel(mongo));
    const notifications = new NotificationStatusRepository(notificationStatusModels(mongo));
    const syncLogs = new SyncLogRepository(syncLogModel(mongo));
    const snapshots = new SystemMetricsRepository(systemMetricsModel(mongo));
    await Promise.all([
      logs.ensureIndexes(),
      notifications.ensureIndexes(),
      syncLogs.ensureIndexes(),
      snapshots.ensureIndexes(),
    ]);

    const processes = watchedProcesses(config);
    const container = new ServiceContainer()
      .register(SystemLogResolver, new SystemLogResolver(new SystemLogService(logs)))
      .register(
        NotificationStatusResolver,
        new NotificationStatusResolver(
          new NotificationStatusService(
            notifications,
            new NotificationRequeuer(queues.queue(QueueName.Notifications)),
          ),
        ),
      )
      .register(SyncLogResolver, new SyncLogResolver(syncLogs))
      .register(QueueResolver, new QueueResolver(queues))
      .register(
        ServiceHealthResolver,
        new ServiceHealthResolver(new ServiceHealthService(processes)),
      )
      .register(SystemMetricsResolver, new SystemMetricsResolver(snapshots));

    await startSubgraphServer({
      service: SERVICE,
      schema: await buildMonitoringSchema(container),
      host: config.http.host,
      port: config.ports.monitoring,
      production: config.production,
      logger,
      lifecycle,
      verifier: AccessTokenVerifier.fromJwks(config.tokens.jwksUrl, config.tokens),
      limits: config.graphql,
      dependencies: [mongoCheck('system-mongo', mongo), redisCheck(redis)],
    });

    // One monitoring instance should run these; a second would double the snapshots, not break them.
    const stopSnapshots = new MetricsCollector(processes, queues, snapshots).start(
      config.monitoring.metricsIntervalMs,
      logger,
    );
    lifecycle.onShutdown('metrics snapshots', stopSnapshots);
    const stopSweeps = new RetentionSweeper(
      [
        {
          name: 'system_logs',
          retentionDays: config.monitoring.logRetentionDays,
          purgeOlderThan: (c) => logs.purgeOlderThan(c),
        },
        {
          name: 'system_metrics',
          retentionDays: config.monitoring.metricsRetentionDays,
          purgeOlderThan: (c) => snapshots.purgeOlderThan(c),
        },
        {
          name: 'sync_logs',
          retentionDays: config.monitoring.syncLogRetentionDays,
          purgeOlderThan: (c) => syncLogs.purgeOlderThan(c),
        },
        {
          name: 'notification_statuses',
          retentionDays: config.monitoring.notificationRetentionDays,
          purgeOlderThan: (c) => notifications.purgeSettledBefore(c),
        },
      ],
      logger,
    ).start(config.monitoring.purgeIntervalMs);
    lifecycle.onShutdown('retention sweeps', stopSweeps);
  },
);
