import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An amount of money' })
export class Money {
  @Field(() => Int, { description: 'Minor units (cents)' })
  amount!: number;

  @Field(() => String, { description: 'ISO 4217 currency code' })
  currency!: string;
}

@ObjectType({ description: 'Occupancy and revenue of one launch' })
export class LaunchReport {
  @Field(() => Int, { description: 'Seats for sale' })
  seatCapacity!: number;

  @Field(() => Int, { description: 'Seats of confirmed bookings' })
  seatsSold!: number;

  @Field(() => Float, { description: 'seatsSold / seatCapacity in %' })
  occupancyPercent!: number;

  @Field(() => Int, { description: 'Confirmed bookings' })
  confirmedBookings!: number;

  @Field(() => Int, {
    description: 'Kept from bookings, in minor units: confirmed ones plus what refunds left',
  })
  revenue!: number;

  @Field(() => Int, { description: 'Refunded on cancellations, in minor units' })
  refunded!: number;

  @Field(() => String, { description: "The launch's currency" })
  currency!: string;

  launchId!: string;
}

@ObjectType({ description: 'Occupancy and revenue of all launches of one supplier' })
export class SupplierReport {
  @Field(() => Int, { description: 'Launches scheduled' })
  launches!: number;

  @Field(() => Int, { description: 'Seats for sale on them' })
  seatCapacity!: number;

  @Field(() => Int, { description: 'Seats of confirmed bookings' })
  seatsSold!: number;

  @Field(() => Float, { description: 'seatsSold / seatCapacity in %' })
  occupancyPercent!: number;

  @Field(() => [Money], { description: 'Kept from bookings, per currency' })
  revenue!: Money[];

  supplierId!: string;
}
