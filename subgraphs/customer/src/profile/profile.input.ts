import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Changes to your profile; omitted fields stay, null clears' })
export class UpdateMyProfileInput {
  @Field(() => String, { nullable: true, description: 'Display name, 1 to 100 characters' })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Phone number: digits with an optional leading +, spaces, dashes or brackets',
  })
  phone?: string | null;
}
