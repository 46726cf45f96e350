import { pageTitle as title, type WebAppOptions } from '@web/auth/feature';

/** The supplier app: rockets, launches with their passengers, invoices. */
export const supplierApp: WebAppOptions = {
  auth: {
    audience: 'suppliers',
    role: 'SUPPLIER',
    home: '/launches',
    allowSignUp: false,
    storageKey: 'astrobookings.supplier.session',
  },
  links: [
    { path: '/launches', label: 'Launches' },
    { path: '/rockets', label: 'Rockets' },
    { path: '/invoices', label: 'Invoices' },
  ],
  pages: [
    {
      path: 'launches',
      loadComponent: () => import('./launches/launches.page').then((m) => m.LaunchesPage),
      title: title('Launches'),
    },
    {
      path: 'launches/new',
      loadComponent: () => import('./launches/schedule.page').then((m) => m.SchedulePage),
      title: title('Schedule a launch'),
    },
    {
      path: 'launches/:id',
      loadComponent: () => import('./launches/manifest.page').then((m) => m.ManifestPage),
      title: title('Passengers'),
    },
    {
      path: 'rockets',
      loadComponent: () => import('./rockets/rockets.page').then((m) => m.RocketsPage),
      title: title('Rockets'),
    },
    {
      path: 'invoices',
      loadComponent: () => import('./invoices/invoices.page').then((m) => m.InvoicesPage),
      title: title('Invoices'),
    },
  ],
};
