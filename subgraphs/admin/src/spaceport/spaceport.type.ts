import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Shareable: the customer subgraph shows spaceports of the launches on sale too.
@ObjectType({ description: 'A launch site' })
export class Spaceport {
  @Directive('@shareable')
  @Field(() => ID, { description: 'Opaque spaceport id' })
  id!: string;

  @Directive('@shareable')
  @Field(() => String, { description: 'Name, unique' })
  name!: string;

  @Directive('@shareable')
  @Field(() => String, { description: 'Where it is, e.g. "Cape Canaveral, Florida, USA"' })
  location!: string;
}
