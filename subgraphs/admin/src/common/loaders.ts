import DataLoader from 'dataloader';
import { requestLoader, requestScoped, type GraphQLContext } from '@astrobookings/shared';
import type { BookingRow } from '../booking/booking.repository';
import { rowIds } from './ids';
import type { Repositories } from './unit-of-work';

/**
 * Per-request DataLoaders: every reference to rows of one kind made while
 * resolving one request is read in one query.
 */
export class Loaders {
  constructor(private readonly read: Repositories) {}

  launches(context: GraphQLContext) {
    return requestLoader(context, 'launches', (ids) => this.read.launches.findByIds(rowIds(ids)));
  }

  rockets(context: GraphQLContext) {
    return requestLoader(context, 'rockets', (ids) => this.read.rockets.findByIds(rowIds(ids)));
  }

  spaceports(context: GraphQLContext) {
    return requestLoader(context, 'spaceports', (ids) =>
      this.read.spaceports.findByIds(rowIds(ids)),
    );
  }

  suppliers(context: GraphQLContext) {
    return requestLoader(context, 'suppliers', (ids) => this.read.suppliers.findByIds(rowIds(ids)));
  }

  suppliersByUserId(context: GraphQLContext) {
    return requestLoader(context, 'suppliersByUserId', (userIds) =>
      this.read.suppliers.findByUserIds(userIds),
    );
  }

  bookings(context: GraphQLContext) {
    return requestLoader(context, 'bookings', (ids) => this.read.bookings.findByIds(rowIds(ids)));
  }

  invoices(context: GraphQLContext) {
    return requestLoader(context, 'invoices', (ids) => this.read.invoices.findByIds(rowIds(ids)));
  }

  invoicesOfBooking(context: GraphQLContext) {
    return requestLoader(context, 'invoicesOfBooking', (bookingIds) =>
      this.read.invoices.findByBookingIds(bookingIds),
    );
  }

  /** Every booking of each launch. */
  bookingsOfLaunch(context: GraphQLContext): DataLoader<string, BookingRow[]> {
    return requestScoped(
      context,
      'bookingsOfLaunch',
      () =>
        new DataLoader<string, BookingRow[]>(async (launchIds) => {
          const grouped = await this.read.bookings.listByLaunchIds(launchIds);
          return launchIds.map((id) => grouped.get(id) ?? []);
        }),
    );
  }
}

/** A row that a foreign key guarantees exists. */
export function required<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`missing ${what} behind a foreign key`);
  return row;
}
