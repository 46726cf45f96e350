import { pageTitle as title, type WebAppOptions } from '@web/auth/feature';

/** The employee app: bookings, launches, invoices, onboarding, spaceports, reports. */
export const employeeApp: WebAppOptions = {
  auth: {
    audience: 'employees',
    role: 'EMPLOYEE',
    home: '/bookings',
    allowSignUp: false,
    storageKey: 'astrobookings.employee.session',
  },
  links: [
    { path: '/bookings', label: 'Bookings' },
    { path: '/launches', label: 'Launches' },
    { path: '/invoices', label: 'Invoices' },
    { path: '/onboarding', label: 'Onboarding' },
    { path: '/spaceports', label: 'Spaceports' },
    { path: '/reports', label: 'Reports' },
  ],
  pages: [
    {
      path: 'bookings',
      loadComponent: () => import('./bookings/bookings.page').then((m) => m.BookingsPage),
      title: title('Bookings'),
    },
    {
      path: 'launches',
      loadComponent: () => import('./launches/launches.page').then((m) => m.LaunchesPage),
      title: title('Launches'),
    },
    {
      path: 'invoices',
      loadComponent: () => import('./invoices/invoices.page').then((m) => m.InvoicesPage),
      title: title('Invoices'),
    },
    {
      path: 'onboarding',
      loadComponent: () => import('./onboarding/onboarding.page').then((m) => m.OnboardingPage),
      title: title('Onboarding'),
    },
    {
      path: 'spaceports',
      loadComponent: () => import('./spaceports/spaceports.page').then((m) => m.SpaceportsPage),
      title: title('Spaceports'),
    },
    {
      path: 'reports',
      loadComponent: () => import('./reports/reports.page').then((m) => m.ReportsPage),
      title: title('Reports'),
    },
  ],
};
