import { IsNotEmpty, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A supplier to onboard, for an existing user with the SUPPLIER role' })
export class CreateSupplierInput {
  @IsNotEmpty()
  @MaxLength(100)
  @Field(() => ID, { description: "The Auth user's id (see createStaffUser)" })
  userId!: string;

  @IsNotEmpty()
  @MaxLength(200)
  @Field(() => String, { description: 'Company name, unique' })
  name!: string;
}
