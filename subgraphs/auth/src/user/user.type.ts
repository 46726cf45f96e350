import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Role } from '@astrobookings/shared';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who signs in: customer, supplier, employee or operator' })
export class User {
  @Field(() => ID, { description: 'Opaque user id' })
  id!: string;

  @Field(() => String, { description: 'Email address, normalised to lower case' })
  email!: string;

  @Field(() => String, { description: 'Display name' })
  name!: string;

  @Field(() => [Role], { description: 'What the user may do' })
  roles!: Role[];

  @Field(() => Date, { description: 'When the account was created (UTC)' })
  createdAt!: Date;
}
