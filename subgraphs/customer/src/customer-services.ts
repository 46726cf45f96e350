import {
  customerBookingModel,
  customerInvoiceModel,
  customerNotificationModel,
  customerProfileModel,
  launchViewModel,
  ServiceContainer,
  waitlistEntryModel,
  type Logger,
} from '@astrobookings/shared';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { CustomerBookingRepository } from './booking/booking.repository';
import { BookingResolver } from './booking/booking.resolver';
import { BookingService, type BookingSettings } from './booking/booking.service';
import { systemClock, type Clock } from './common/clock';
import { OutcomeWaiter } from './common/outcome-waiter';
import { SyncRequests } from './common/sync-requests';
import { CustomerInvoiceRepository } from './invoice/invoice.repository';
import { InvoiceResolver } from './invoice/invoice.resolver';
import { CachedLaunchViewRepository, type CatalogSettings } from './launch/launch.cache';
import { LaunchViewRepository } from './launch/launch.repository';
import { LaunchResolver } from './launch/launch.resolver';
import { LaunchCatalog } from './launch/launch.service';
import { CustomerNotificationReader } from './notification/notification.repository';
import { NotificationResolver } from './notification/notification.resolver';
import { ProfileRepository } from './profile/profile.repository';
import { ProfileResolver } from './profile/profile.resolver';
import { ProfileService } from './profile/profile.service';
import { WaitlistRepository } from './waitlist/waitlist.repository';
import { WaitlistResolver } from './waitlist/waitlist.resolver';
import { WaitlistService } from './waitlist/waitlist.service';

export interface CustomerStores {
  /** The customer MongoDB. */
  mongo: Connection;
  /** QueueName.Sync, where customers' requests go to the sync worker. */
  syncQueue: Queue;
  /** A connection for subscribing to the sync worker's announcements. */
  subscriber: Redis;
  /** syncOutcomeChannel of the deployment's key prefix. */
  outcomeChannel: string;
  /** catalogChannel of the deployment's key prefix. */
  catalogChannel: string;
  /** Announces on catalogAppliedChannel that the catalog took changes in. */
  announceCatalogApplied: () => void;
}

export interface CustomerSettings extends BookingSettings {
  catalog: CatalogSettings;
}

/**
 * The Customer subgraph's composition root: its repositories over the customer
 * store, its services, and the container that hands them to the resolvers.
 */
export async function createCustomerServices(
  stores: CustomerStores,
  settings: CustomerSettings,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<{ container: ServiceContainer; catalog: CachedLaunchViewRepository }> {
  const launches = new CachedLaunchViewRepository(
    launchViewModel(stores.mongo),
    stores.subscriber,
    stores.catalogChannel,
    settings.catalog,
    logger,
    stores.announceCatalogApplied,
  );
  const bookings = new CustomerBookingRepository(customerBookingModel(stores.mongo));
  const invoices = new CustomerInvoiceRepository(customerInvoiceModel(stores.mongo));
  const notifications = new CustomerNotificationReader(customerNotificationModel(stores.mongo));
  const profiles = new ProfileRepository(customerProfileModel(stores.mongo));
  const waitlist = new WaitlistRepository(waitlistEntryModel(stores.mongo));
  await Promise.all(
    [launches, bookings, invoices, notifications, profiles, waitlist].map((repository) =>
      repository.ensureIndexes(),
    ),
  );

  const outcomes = new OutcomeWaiter(stores.subscriber, stores.outcomeChannel);
  await outcomes.start();
  await launches.start();
  const requests = new SyncRequests(stores.syncQueue, logger);
  const catalog = new LaunchCatalog(launches, clock, settings.catalog.maxAgeSeconds);
  const profileService = new ProfileService(profiles, clock);
  const bookingService = new BookingService(
    bookings,
    catalog,
    profileService,
    requests,
    outcomes,
    settings,
    clock,
  );
  const waitlistService = new WaitlistService(
    waitlist,
    catalog,
    profileService,
    requests,
    outcomes,
    settings,
    clock,
  );

  const container = new ServiceContainer()
    .register(LaunchViewRepository, launches)
    .register(CustomerBookingRepository, bookings)
    .register(CustomerInvoiceRepository, invoices)
    .register(LaunchResolver, new LaunchResolver(catalog))
    .register(BookingResolver, new BookingResolver(bookingService, launches))
    .register(InvoiceResolver, new InvoiceResolver(invoices))
    .register(NotificationResolver, new NotificationResolver(notifications))
    .register(ProfileResolver, new ProfileResolver(profileService))
    .register(WaitlistResolver, new WaitlistResolver(waitlistService, launches));
  return { container, catalog: launches };
}
