import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'What cancelling a booking at one instant would refund, by the refund policy: 30 days or more before departure 100 %, 7 days or more 50 %, later 0 %; or why it cannot be cancelled then',
})
export class RefundQuote {
  @Field(() => Boolean, {
    description:
      'Whether cancelMyBooking would cancel it now: CONFIRMED, with its launch SCHEDULED or DELAYED and not departed',
  })
  cancellable!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it cannot be cancelled now; null when it can',
  })
  reason!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Share of the price refunded if cancelled now (0, 50 or 100); null when it cannot be',
  })
  percent!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Refund if cancelled now, in minor units rounded down to the cent; null when it cannot be cancelled',
  })
  amount!: number | null;

  @Field(() => String, { description: 'ISO 4217 currency code of the amount (the booking’s)' })
  currency!: string;

  @Field(() => Date, { description: 'The instant the quote is for (UTC)' })
  quotedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'The last instant at which cancelling still refunds this percent (UTC); null when nothing is refunded or it cannot be cancelled',
  })
  validUntil!: Date | null;
}
