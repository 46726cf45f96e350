import { bootstrapWebApp } from '@web/auth/feature';
import { opsApp } from './app/ops.app';

bootstrapWebApp(opsApp);
