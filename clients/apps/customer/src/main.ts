import { bootstrapWebApp } from '@web/auth/feature';
import { customerApp } from './app/customer.app';

bootstrapWebApp(customerApp);
