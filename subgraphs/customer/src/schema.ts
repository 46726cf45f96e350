import {
  buildFederatedSchema,
  type GraphQLContext,
  type ServiceContainer,
} from '@astrobookings/shared';
import type { GraphQLSchema } from 'graphql';
import { resolveBookingReference } from './booking/booking.reference';
import { CustomerBookingRepository } from './booking/booking.repository';
import { BookingResolver } from './booking/booking.resolver';
import { resolveInvoiceReference } from './invoice/invoice.reference';
import { CustomerInvoiceRepository } from './invoice/invoice.repository';
import { InvoiceResolver } from './invoice/invoice.resolver';
import { resolveLaunchReference } from './launch/launch.reference';
import { LaunchViewRepository } from './launch/launch.repository';
import { LaunchResolver } from './launch/launch.resolver';
import { NotificationResolver } from './notification/notification.resolver';
import { ProfileResolver } from './profile/profile.resolver';
import { WaitlistResolver } from './waitlist/waitlist.resolver';

/** The resolver classes of the Customer subgraph, which the container must hold. */
export const CUSTOMER_RESOLVERS = [
  LaunchResolver,
  BookingResolver,
  InvoiceResolver,
  NotificationResolver,
  ProfileResolver,
  WaitlistResolver,
] as const;

type Reference = { id: string };

/**
 * The Customer subgraph's schema. Building it connects to nothing (the supergraph
 * composition prints it); resolving needs the instances in `container`.
 */
export function buildCustomerSchema(container: ServiceContainer): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: CUSTOMER_RESOLVERS, container },
    {
      Launch: {
        __resolveReference: (reference: Reference, context: GraphQLContext) =>
          resolveLaunchReference(container.get(LaunchViewRepository), reference, context),
      },
      Booking: {
        __resolveReference: (reference: Reference, context: GraphQLContext) =>
          resolveBookingReference(container.get(CustomerBookingRepository), reference, context),
      },
      Invoice: {
        __resolveReference: (reference: Reference, context: GraphQLContext) =>
          resolveInvoiceReference(container.get(CustomerInvoiceRepository), reference, context),
      },
    },
  );
}
