import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { BookingStatus } from '../common/enums';

@InputType({
  description:
    'What employees look bookings up by; a booking matches when it meets every one given',
})
export class BookingSearch {
  @IsOptional()
  @MinLength(2)
  @MaxLength(100)
  @Field(() => String, {
    nullable: true,
    description:
      "Free text (2 to 100 characters): a booking's or a launch's id, or part of the mission's name (any case)",
  })
  text?: string | null;

  @Field(() => BookingStatus, { nullable: true, description: 'Only bookings in this status' })
  status?: BookingStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only the bookings of this launch' })
  launchId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this customer's bookings (their user id)" })
  customerId?: string | null;
}
