import { pageTitle as title, type WebAppOptions } from '@web/auth/feature';

/** The IT operations app: logs, notifications, queues, health and metrics. */
export const opsApp: WebAppOptions = {
  auth: {
    audience: 'IT operations',
    role: 'OPERATOR',
    home: '/logs',
    allowSignUp: false,
    storageKey: 'astrobookings.ops.session',
  },
  links: [
    { path: '/logs', label: 'Logs' },
    { path: '/notifications', label: 'Notifications' },
    { path: '/queues', label: 'Queues' },
    { path: '/health', label: 'Health' },
    { path: '/metrics', label: 'Metrics' },
  ],
  pages: [
    {
      path: 'logs',
      loadComponent: () => import('./logs/logs.page').then((m) => m.LogsPage),
      title: title('Logs'),
    },
    {
      path: 'notifications',
      loadComponent: () =>
        import('./notifications/notifications.page').then((m) => m.NotificationsPage),
      title: title('Notifications'),
    },
    {
      path: 'queues',
      loadComponent: () => import('./queues/queues.page').then((m) => m.QueuesPage),
      title: title('Queues'),
    },
    {
      path: 'health',
      loadComponent: () => import('./health/health.page').then((m) => m.HealthPage),
      title: title('Health'),
    },
    {
      path: 'metrics',
      loadComponent: () => import('./metrics/metrics.page').then((m) => m.MetricsPage),
      title: title('Metrics'),
    },
  ],
};
