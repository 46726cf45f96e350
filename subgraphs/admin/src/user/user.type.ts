import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The Auth subgraph's user; here only its key, extended with what this subgraph knows. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who signs in: customer, supplier, employee or operator' })
export class User {
  @Field(() => ID, { description: 'Opaque user id' })
  id!: string;
}
