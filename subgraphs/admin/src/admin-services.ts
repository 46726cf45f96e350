import type { PrismaClient } from '@astrobookings/prisma';
import { ServiceContainer } from '@astrobookings/shared';
import { BookingResolver } from './booking/booking.resolver';
import { BookingService } from './booking/booking.service';
import { Callers } from './common/caller';
import { systemClock, type Clock } from './common/clock';
import { Loaders } from './common/loaders';
import { UnitOfWork } from './common/unit-of-work';
import { InvoiceResolver } from './invoice/invoice.resolver';
import { InvoiceService } from './invoice/invoice.service';
import { Invoicing } from './invoice/invoicing';
import { LaunchResolver } from './launch/launch.resolver';
import { LaunchService } from './launch/launch.service';
import { LaunchReportResolver, SupplierReportResolver } from './report/report.resolver';
import { ReportService } from './report/report.service';
import { RocketResolver } from './rocket/rocket.resolver';
import { RocketService } from './rocket/rocket.service';
import { SpaceportResolver } from './spaceport/spaceport.resolver';
import { SpaceportService } from './spaceport/spaceport.service';
import { SupplierResolver } from './supplier/supplier.resolver';
import { SupplierService } from './supplier/supplier.service';
import { UserResolver } from './user/user.resolver';

export interface AdminSettings {
  /** The platform's share of a successful launch's bookings (PLATFORM_COMMISSION_PERCENT). */
  platformCommissionPercent: number;
}

export interface AdminServices {
  suppliers: SupplierService;
  spaceports: SpaceportService;
  rockets: RocketService;
  launches: LaunchService;
  bookings: BookingService;
  invoices: InvoiceService;
  reports: ReportService;
}

/**
 * The Admin subgraph's composition root: its services over one Prisma client, and
 * the container that hands them to the resolvers. The sync worker builds the same
 * services to place and cancel bookings.
 */
export function createAdminServices(
  prisma: PrismaClient,
  settings: AdminSettings,
  clock: Clock = systemClock,
): { services: AdminServices; container: ServiceContainer } {
  const uow = new UnitOfWork(prisma);
  const invoicing = new Invoicing(settings.platformCommissionPercent, clock);
  const bookings = new BookingService(uow, invoicing, clock);
  const services: AdminServices = {
    suppliers: new SupplierService(uow),
    spaceports: new SpaceportService(uow),
    rockets: new RocketService(uow),
    launches: new LaunchService(uow, bookings, invoicing, clock),
    bookings,
    invoices: new InvoiceService(uow, clock),
    reports: new ReportService(uow),
  };
  const callers = new Callers(uow.read.suppliers);
  const loaders = new Loaders(uow.read);
  const container = new ServiceContainer()
    .register(Callers, callers)
    .register(Loaders, loaders)
    .register(BookingService, services.bookings)
    .register(InvoiceService, services.invoices)
    .register(SupplierResolver, new SupplierResolver(callers, services.suppliers))
    .register(SpaceportResolver, new SpaceportResolver(callers, services.spaceports))
    .register(RocketResolver, new RocketResolver(callers, services.rockets))
    .register(LaunchResolver, new LaunchResolver(callers, services.launches, loaders))
    .register(
      BookingResolver,
      new BookingResolver(callers, services.bookings, services.invoices, loaders),
    )
    .register(InvoiceResolver, new InvoiceResolver(callers, services.invoices, loaders))
    .register(UserResolver, new UserResolver(callers, loaders))
    .register(LaunchReportResolver, new LaunchReportResolver(callers, services.reports, loaders))
    .register(
      SupplierReportResolver,
      new SupplierReportResolver(callers, services.reports, loaders),
    );
  return { services, container };
}
