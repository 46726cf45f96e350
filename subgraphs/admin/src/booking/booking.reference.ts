import { ForbiddenError, type GraphQLContext } from '@astrobookings/shared';
import type { Callers } from '../common/caller';
import { required, type Loaders } from '../common/loaders';
import type { BookingRow } from './booking.repository';
import type { BookingService } from './booking.service';

/**
 * Bookings referenced from other subgraphs, one query a request: seen by employees,
 * the launch's supplier and the booking's customer.
 */
export async function resolveBookingReference(
  callers: Callers,
  loaders: Loaders,
  bookings: BookingService,
  reference: { id: string },
  context: GraphQLContext,
): Promise<BookingRow | undefined> {
  const caller = await callers.of(context);
  const booking = await loaders.bookings(context).load(reference.id);
  if (booking === undefined) return undefined;
  const launch = required(await loaders.launches(context).load(booking.launchId), 'launch');
  if (!bookings.canSee(caller, booking, launch)) throw new ForbiddenError();
  return booking;
}
