import type { AppConfig } from '@astrobookings/shared';

/** A process the monitoring service watches: its /ready and /metrics live under `baseUrl`. */
export interface WatchedProcess {
  service: string;
  baseUrl: string;
}

/** Every process of the project, from the configured addresses. */
export function watchedProcesses(
  config: AppConfig<'subgraphUrls' | 'monitoring'>,
): WatchedProcess[] {
  const origin = (url: string): string => new URL(url).origin;
  return [
    { service: 'gateway', baseUrl: origin(config.monitoring.gatewayUrl) },
    { service: 'auth', baseUrl: origin(config.subgraphUrls.auth) },
    { service: 'admin', baseUrl: origin(config.subgraphUrls.admin) },
    { service: 'customer', baseUrl: origin(config.subgraphUrls.customer) },
    { service: 'monitoring', baseUrl: origin(config.subgraphUrls.monitoring) },
    { service: 'sync-worker', baseUrl: origin(config.monitoring.syncWorkerUrl) },
    { service: 'notifications-worker', baseUrl: origin(config.monitoring.notificationsWorkerUrl) },
    { service: 'web', baseUrl: origin(config.monitoring.webUrl) },
  ];
}
