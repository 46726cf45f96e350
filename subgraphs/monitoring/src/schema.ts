import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, type ServiceContainer } from '@astrobookings/shared';
import { ServiceHealthResolver } from './health/service-health.resolver';
import { SystemMetricsResolver } from './metrics/system-metrics.resolver';
import { NotificationStatusResolver } from './notification/notification-status.resolver';
import { QueueResolver } from './queue/queue.resolver';
import { SyncLogResolver } from './sync-log/sync-log.resolver';
import { SystemLogResolver } from './system-log/system-log.resolver';

/** The resolver classes of the Monitoring subgraph, which the container must hold. */
export const MONITORING_RESOLVERS = [
  SystemLogResolver,
  NotificationStatusResolver,
  SyncLogResolver,
  QueueResolver,
  ServiceHealthResolver,
  SystemMetricsResolver,
] as const;

/** The Monitoring subgraph's schema; resolving needs the instances in `container`. */
export function buildMonitoringSchema(container: ServiceContainer): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: MONITORING_RESOLVERS, container });
}
