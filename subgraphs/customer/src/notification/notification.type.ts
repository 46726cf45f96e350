import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A message sent to you by email, kept here to read again' })
export class CustomerNotification {
  @Field(() => ID, { description: 'Opaque notification id' })
  id!: string;

  @Field(() => String, {
    description: 'What it is about, e.g. BOOKING_CONFIRMED or WAITLIST_SEATS_AVAILABLE',
  })
  kind!: string;

  @Field(() => String, { description: 'Subject line of the email' })
  subject!: string;

  @Field(() => String, { description: 'The email as plain text' })
  body!: string;

  @Field(() => Date, { description: 'When it was sent (UTC)' })
  createdAt!: Date;
}
