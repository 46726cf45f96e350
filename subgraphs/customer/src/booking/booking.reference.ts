import { requestLoader, type GraphQLContext } from '@astrobookings/shared';
import type { BookingView, CustomerBookingRepository } from './booking.repository';

/**
 * Bookings referenced from other subgraphs: only a customer's own are served
 * here (employees and suppliers see bookings through the Admin subgraph).
 */
export async function resolveBookingReference(
  bookings: CustomerBookingRepository,
  reference: { id: string },
  context: GraphQLContext,
): Promise<BookingView | null> {
  const caller = await context.auth.require();
  const booking = await requestLoader(context, 'customer-bookings', (ids) =>
    bookings.findByIds(ids),
  ).load(reference.id);
  return booking !== undefined && booking.customerUserId === caller.userId ? booking : null;
}
