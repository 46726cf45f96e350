import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Seats to book on a launch' })
export class BookSeatsInput {
  @Field(() => ID, { description: 'The launch, on sale' })
  launchId!: string;

  @Field(() => Int, { description: 'Seats, 1 to 4' })
  seats!: number;

  @Field(() => String, {
    description:
      'Chosen by the client, 1 to 200 characters: sending the same key again returns the same booking and never books twice',
  })
  idempotencyKey!: string;
}
