import { Role, type GraphQLContext } from '@astrobookings/shared';
import {
  Arg,
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
import { customerOf } from '../common/customer';
import { launchLoader } from '../launch/launch.reference';
import type { LaunchView, LaunchViewRepository } from '../launch/launch.repository';
import { Launch } from '../launch/launch.type';
import { BookSeatsInput } from './booking.input';
import type { BookingView } from './booking.repository';
import type { BookingService } from './booking.service';
import { Booking } from './booking.type';
import type { RefundQuoteView } from './refund-quote';
import { RefundQuote } from './refund-quote.type';

@Resolver(() => Booking)
export class BookingResolver {
  constructor(
    private readonly bookings: BookingService,
    private readonly launches: LaunchViewRepository,
  ) {}

  @Authorized(Role.CUSTOMER)
  @Mutation(() => Booking, {
    description:
      'Book 1 to 4 seats on a launch on sale. The answer is CONFIRMED or REJECTED (with the reason) once decided, PENDING if that takes longer than a moment (see myBookings). The same idempotencyKey always answers the same booking.',
  })
  async bookSeats(
    @Arg('input', () => BookSeatsInput) input: BookSeatsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<BookingView> {
    return this.bookings.bookSeats(await customerOf(context), input);
  }

  @Authorized(Role.CUSTOMER)
  @Mutation(() => Booking, {
    description:
      'Cancel one of your confirmed bookings before departure, refunded by the time left: 30 days or more 100 %, 7 days or more 50 %, later 0 %',
  })
  async cancelMyBooking(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<BookingView> {
    return this.bookings.cancel(await customerOf(context), id);
  }

  @Authorized(Role.CUSTOMER)
  @Query(() => [Booking], { description: 'Your bookings, newest first' })
  async myBookings(@Ctx() context: GraphQLContext): Promise<BookingView[]> {
    return this.bookings.listOwn(await customerOf(context));
  }

  @Directive('@shareable')
  @FieldResolver(() => Launch, { description: 'The launch the seats are on' })
  async launch(@Root() booking: BookingView, @Ctx() context: GraphQLContext): Promise<LaunchView> {
    const launch = await launchLoader(this.launches, context).load(booking.launchId);
    if (launch === undefined)
      throw new Error(`launch ${booking.launchId} is not in the read model`);
    return launch;
  }

  @FieldResolver(() => RefundQuote, {
    description:
      'What cancelMyBooking would refund if called at this instant (percent, amount, until when), or why the booking cannot be cancelled now',
  })
  async refundIfCancelledNow(
    @Root() booking: BookingView,
    @Ctx() context: GraphQLContext,
  ): Promise<RefundQuoteView> {
    return this.bookings.refundIfCancelledNow(booking, await this.launch(booking, context));
  }
}
