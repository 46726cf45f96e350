import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A company that operates rockets and sells seats on their launches' })
export class Supplier {
  @Field(() => ID, { description: 'Opaque supplier id' })
  id!: string;

  @Field(() => String, { description: 'Company name, unique' })
  name!: string;

  @Field(() => Date, { description: 'When an employee onboarded the supplier (UTC)' })
  createdAt!: Date;

  /** The Auth user who runs the supplier (resolved as `user`). */
  userId!: string;
}
