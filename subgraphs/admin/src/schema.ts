import {
  buildFederatedSchema,
  type GraphQLContext,
  type ServiceContainer,
} from '@astrobookings/shared';
import type { GraphQLSchema } from 'graphql';
import { resolveBookingReference } from './booking/booking.reference';
import { BookingResolver } from './booking/booking.resolver';
import { BookingService } from './booking/booking.service';
import { Callers } from './common/caller';
import { Loaders } from './common/loaders';
import { resolveInvoiceReference } from './invoice/invoice.reference';
import { InvoiceResolver } from './invoice/invoice.resolver';
import { InvoiceService } from './invoice/invoice.service';
import { resolveLaunchReference } from './launch/launch.reference';
import { LaunchResolver } from './launch/launch.resolver';
import { LaunchReportResolver, SupplierReportResolver } from './report/report.resolver';
import { RocketResolver } from './rocket/rocket.resolver';
import { SpaceportResolver } from './spaceport/spaceport.resolver';
import { resolveSupplierReference } from './supplier/supplier.reference';
import { SupplierResolver } from './supplier/supplier.resolver';
import { resolveUserReference } from './user/user.reference';
import { UserResolver } from './user/user.resolver';

/** The resolver classes of the Admin subgraph, which the container must hold. */
export const ADMIN_RESOLVERS = [
  SupplierResolver,
  SpaceportResolver,
  RocketResolver,
  LaunchResolver,
  BookingResolver,
  InvoiceResolver,
  UserResolver,
  LaunchReportResolver,
  SupplierReportResolver,
] as const;

type Reference = { id: string };

/**
 * The Admin subgraph's schema. Building it connects to nothing (the supergraph
 * composition prints it); resolving needs the instances in `container`.
 */
export function buildAdminSchema(container: ServiceContainer): Promise<GraphQLSchema> {
  const callers = () => container.get(Callers);
  const loaders = () => container.get(Loaders);
  return buildFederatedSchema(
    { resolvers: ADMIN_RESOLVERS, container },
    {
      Launch: {
        __resolveReference: (reference: Reference, context: GraphQLContext) =>
          resolveLaunchReference(callers(), loaders(), reference, context),
      },
      Booking: {
        __resolveReference: (reference: Reference, context: GraphQLContext) =>
          resolveBookingReference(
            callers(),
            loaders(),
            container.get(BookingService),
            reference,
            context,
          ),
      },
      Invoice: {
        __resolveReference: (reference: Reference, context: GraphQLContext) =>
          resolveInvoiceReference(
            callers(),
            loaders(),
            container.get(InvoiceService),
            reference,
            context,
          ),
      },
      Supplier: {
        __resolveReference: (reference: Reference, context: GraphQLContext) =>
          resolveSupplierReference(callers(), loaders(), reference, context),
      },
      User: { __resolveReference: (reference: Reference) => resolveUserReference(reference) },
    },
  );
}
