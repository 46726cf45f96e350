import { pageTitle as title, type WebAppOptions } from '@web/auth/feature';

/** The customer app: find a launch, book seats, follow bookings, invoices and emails. */
export const customerApp: WebAppOptions = {
  auth: {
    audience: 'customers',
    role: 'CUSTOMER',
    home: '/launches',
    allowSignUp: true,
    storageKey: 'astrobookings.customer.session',
  },
  links: [
    { path: '/launches', label: 'Launches' },
    { path: '/bookings', label: 'My bookings' },
    { path: '/invoices', label: 'Invoices' },
    { path: '/notifications', label: 'Notifications' },
    { path: '/profile', label: 'Profile' },
  ],
  pages: [
    {
      path: 'launches',
      loadComponent: () => import('./launches/launches.page').then((m) => m.LaunchesPage),
      title: title('Launches'),
    },
    {
      path: 'launches/:id',
      loadComponent: () => import('./launches/launch.page').then((m) => m.LaunchPage),
      title: title('Launch'),
    },
    {
      path: 'bookings',
      loadComponent: () => import('./bookings/bookings.page').then((m) => m.BookingsPage),
      title: title('My bookings'),
    },
    {
      path: 'invoices',
      loadComponent: () => import('./account/invoices.page').then((m) => m.InvoicesPage),
      title: title('Invoices'),
    },
    {
      path: 'notifications',
      loadComponent: () => import('./account/notifications.page').then((m) => m.NotificationsPage),
      title: title('Notifications'),
    },
    {
      path: 'profile',
      loadComponent: () => import('./account/profile.page').then((m) => m.ProfilePage),
      title: title('Profile'),
    },
  ],
};
