import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { BookingStatus } from '../common/enums';

// The Admin subgraph's Booking entity (the same id in both stores), served here from
// the read model; every field both subgraphs resolve is shareable.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'Seats a customer booked on a launch; the price is fixed when booked' })
export class Booking {
  @Field(() => ID, { description: 'Opaque booking id' })
  id!: string;

  @Directive('@shareable')
  @Field(() => Int, { description: 'Seats booked (1 to 4)' })
  seats!: number;

  @Directive('@shareable')
  @Field(() => BookingStatus, { description: 'Where the booking is' })
  status!: BookingStatus;

  @Directive('@shareable')
  @Field(() => Int, { description: 'Price of one seat when booked, in minor units' })
  pricePerSeat!: number;

  @Directive('@shareable')
  @Field(() => Int, { description: 'seats × pricePerSeat, in minor units' })
  totalPrice!: number;

  @Directive('@shareable')
  @Field(() => String, { description: 'ISO 4217 currency code' })
  currency!: string;

  @Directive('@shareable')
  @Field(() => String, { nullable: true, description: 'Why it was REJECTED' })
  rejectionReason!: string | null;

  @Directive('@shareable')
  @Field(() => Int, { nullable: true, description: 'Share of the price refunded on cancellation' })
  refundPercent!: number | null;

  @Directive('@shareable')
  @Field(() => Int, { nullable: true, description: 'Refund in minor units, once CANCELLED' })
  refundAmount!: number | null;

  @Directive('@shareable')
  @Field(() => String, { nullable: true, description: 'Why it was CANCELLED' })
  cancellationReason!: string | null;

  @Directive('@shareable')
  @Field(() => Date, { nullable: true, description: 'When it was cancelled (UTC)' })
  cancelledAt!: Date | null;

  @Directive('@shareable')
  @Field(() => Date, { description: 'When it was placed (UTC)' })
  createdAt!: Date;

  launchId!: string;
}
