import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A supplier's rocket" })
export class Rocket {
  @Field(() => ID, { description: 'Opaque rocket id' })
  id!: string;

  @Field(() => String, { description: "Name, unique among the supplier's rockets" })
  name!: string;

  @Field(() => Int, { description: 'Passenger seats' })
  capacity!: number;

  /** The supplier that owns the rocket. */
  supplierId!: string;
}
