import { bootstrapWebApp } from '@web/auth/feature';
import { supplierApp } from './app/supplier.app';

bootstrapWebApp(supplierApp);
