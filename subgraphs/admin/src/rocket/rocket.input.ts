import { IsNotEmpty, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

export const MAX_ROCKET_CAPACITY = 1000;

@InputType({ description: 'A rocket for the calling supplier' })
export class CreateRocketInput {
  @IsNotEmpty()
  @MaxLength(100)
  @Field(() => String, { description: "Name, unique among the supplier's rockets" })
  name!: string;

  @Min(1)
  @Max(MAX_ROCKET_CAPACITY)
  @Field(() => Int, { description: `Passenger seats (1 to ${MAX_ROCKET_CAPACITY})` })
  capacity!: number;
}

@InputType({ description: 'What to change of a rocket; omitted fields stay' })
export class UpdateRocketInput {
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  @Field(() => String, { nullable: true, description: 'New name' })
  name?: string;

  @IsOptional()
  @Min(1)
  @Max(MAX_ROCKET_CAPACITY)
  @Field(() => Int, {
    nullable: true,
    description: 'New number of seats; launches already scheduled keep theirs',
  })
  capacity?: number;
}
