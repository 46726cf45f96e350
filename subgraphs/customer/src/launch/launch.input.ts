import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Narrows the launches on sale; every given condition must hold' })
export class LaunchFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only launches to this destination (whole name, any letter case)',
  })
  destination?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Only launches departing at or after this time',
  })
  from?: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Only launches departing at or before this time',
  })
  to?: Date;

  @Field(() => ID, { nullable: true, description: 'Only launches departing from this spaceport' })
  spaceportId?: string;
}
