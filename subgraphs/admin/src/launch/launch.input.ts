import { IsNotEmpty, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_ROCKET_CAPACITY } from '../rocket/rocket.input';

const MAX_PRICE = 2_000_000_000;

@InputType({ description: 'A launch of one of your rockets' })
export class ScheduleLaunchInput {
  @Field(() => ID, { description: 'One of your rockets' })
  rocketId!: string;

  @Field(() => ID, { description: 'Where it departs from' })
  spaceportId!: string;

  @IsNotEmpty()
  @MaxLength(200)
  @Field(() => String, { description: 'Mission name' })
  mission!: string;

  @IsNotEmpty()
  @MaxLength(200)
  @Field(() => String, { description: 'Where the flight goes' })
  destination!: string;

  @Field(() => Date, { description: 'Departure time, in the future' })
  scheduledAt!: Date;

  @Min(0)
  @Max(MAX_PRICE)
  @Field(() => Int, { description: 'Price of one seat in minor units (cents)' })
  pricePerSeat!: number;

  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  @Field(() => String, { description: 'ISO 4217 currency code, e.g. USD' })
  currency!: string;

  @IsOptional()
  @Min(1)
  @Max(MAX_ROCKET_CAPACITY)
  @Field(() => Int, {
    nullable: true,
    description: "Seats for sale; defaults to, and never exceeds, the rocket's capacity",
  })
  seats?: number;
}
