import { NotificationState } from '@astrobookings/shared';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(NotificationState, {
  name: 'NotificationState',
  description: "Where a notification's email is: QUEUED (waiting or retrying), SENT or FAILED",
});

@ObjectType({ description: 'The delivery of one notification email' })
export class NotificationStatus {
  @Field(() => ID, { description: 'The notification id (one per event, kind and recipient)' })
  id!: string;

  @Field(() => String, {
    description:
      'What it is about: BOOKING_CONFIRMED, BOOKING_REJECTED, BOOKING_CANCELLED, LAUNCH_SCHEDULED, LAUNCH_DELAYED, LAUNCH_ABORTED, LAUNCH_CANCELLED, WAITLIST_SEATS_AVAILABLE or INVOICE_ISSUED',
  })
  kind!: string;

  @Field(() => String, { description: 'Email address it goes to' })
  recipient!: string;

  @Field(() => String, { description: "The recipient's user id" })
  recipientUserId!: string;

  @Field(() => String, { description: 'Subject of the email' })
  subject!: string;

  @Field(() => NotificationState, { description: 'QUEUED, SENT or FAILED' })
  status!: NotificationState;

  @Field(() => Int, { description: 'Delivery attempts so far, operator retries included' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed' })
  lastError!: string | null;

  @Field(() => Int, { description: 'How many times an operator sent it back to the queue' })
  manualRetries!: number;

  @Field(() => String, { nullable: true, description: 'The request or job that caused it' })
  correlationId!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the mail server accepted it (UTC)' })
  sentAt!: Date | null;

  @Field(() => Date, { description: 'When it was first attempted (UTC)' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When its state last changed (UTC)' })
  updatedAt!: Date;
}
