import { bootstrapWebApp } from '@web/auth/feature';
import { employeeApp } from './app/employee.app';

bootstrapWebApp(employeeApp);
