import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new launch site' })
export class CreateSpaceportInput {
  @IsNotEmpty()
  @MaxLength(200)
  @Field(() => String, { description: 'Name, unique' })
  name!: string;

  @IsNotEmpty()
  @MaxLength(200)
  @Field(() => String, { description: 'Where it is' })
  location!: string;
}

@InputType({ description: 'What to change of a launch site; omitted fields stay' })
export class UpdateSpaceportInput {
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'New name, unique' })
  name?: string;

  @IsOptional()
  @IsNotEmpty()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'New location' })
  location?: string;
}
