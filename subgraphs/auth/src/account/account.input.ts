import { Field, InputType } from 'type-graphql';
import { Role } from '@astrobookings/shared';

@InputType({ description: 'A new customer account' })
export class RegisterInput {
  @Field(() => String, { description: 'Email address; must not be registered yet' })
  email!: string;

  @Field(() => String, {
    description: 'At least 10 characters, with letters and a digit or symbol',
  })
  password!: string;

  @Field(() => String, { description: 'Display name, 1 to 100 characters' })
  name!: string;
}

@InputType({ description: 'A new supplier, employee or operator account' })
export class CreateStaffUserInput extends RegisterInput {
  @Field(() => Role, { description: 'SUPPLIER, EMPLOYEE or OPERATOR' })
  role!: Role;
}
