import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: "The signed-in customer's profile" })
export class CustomerProfile {
  @Field(() => ID, { description: "The customer's user id" })
  id!: string;

  @Field(() => String, { description: 'Email address (from the account)' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'How the customer wants to be addressed' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number for urgent launch news' })
  phone!: string | null;

  @Field(() => Date, { description: 'When the profile was created (UTC)' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the profile last changed (UTC)' })
  updatedAt!: Date;
}
