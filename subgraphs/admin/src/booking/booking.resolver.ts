import { ForbiddenError, PageArgs, Role, type GraphQLContext } from '@astrobookings/shared';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Callers } from '../common/caller';
import { required, type Loaders } from '../common/loaders';
import type { InvoiceRow } from '../invoice/invoice.repository';
import type { InvoiceService } from '../invoice/invoice.service';
import { Invoice } from '../invoice/invoice.type';
import type { LaunchRow } from '../launch/launch.repository';
import { Launch } from '../launch/launch.type';
import { User } from '../user/user.type';
import { BookingSearch } from './booking.input';
import type { BookingRow } from './booking.repository';
import type { BookingService } from './booking.service';
import { Booking, BookingConnection } from './booking.type';

@Resolver(() => Booking)
export class BookingResolver {
  constructor(
    private readonly callers: Callers,
    private readonly bookingsService: BookingService,
    private readonly invoices: InvoiceService,
    private readonly loaders: Loaders,
  ) {}

  @Authorized(Role.EMPLOYEE)
  @Query(() => BookingConnection, {
    description: 'Every booking, or those that match the search, newest first (employees)',
  })
  bookings(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('search', () => BookingSearch, {
      nullable: true,
      description: 'Only the bookings that match; all without it',
    })
    search: BookingSearch | null | undefined,
  ) {
    return this.bookingsService.list(page, search);
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => Booking, {
    description:
      'Cancel a confirmed booking before departure, refunding by the time left: 30 days or more 100 %, 7 days or more 50 %, later 0 % (employees)',
  })
  async cancelBooking(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why, told to the customer' }) reason: string,
    @Ctx() context: GraphQLContext,
  ): Promise<BookingRow> {
    return this.bookingsService.cancelBooking(
      await this.callers.of(context, Role.EMPLOYEE),
      id,
      reason,
    );
  }

  @Directive('@shareable')
  @FieldResolver(() => Launch, { description: 'The launch the seats are on' })
  async launch(@Root() booking: BookingRow, @Ctx() context: GraphQLContext): Promise<LaunchRow> {
    return required(await this.loaders.launches(context).load(booking.launchId), 'launch');
  }

  @FieldResolver(() => User, { description: 'The customer who booked' })
  customer(@Root() booking: BookingRow): User {
    return { id: booking.customerUserId };
  }

  @FieldResolver(() => Invoice, {
    nullable: true,
    description: "The customer's invoice, once confirmed",
  })
  async invoice(
    @Root() booking: BookingRow,
    @Ctx() context: GraphQLContext,
  ): Promise<InvoiceRow | null> {
    const invoice = await this.loaders.invoicesOfBooking(context).load(booking.id);
    if (invoice === undefined) return null;
    if (!this.invoices.canSee(await this.callers.of(context), invoice)) throw new ForbiddenError();
    return invoice;
  }
}
