import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../user/user.type';

@ObjectType({
  description: 'A new access token and the refresh token that replaces the one presented',
})
export class TokenPair {
  @Field(() => String, {
    description: 'Short-lived access token: send as `Authorization: Bearer <token>`',
  })
  accessToken!: string;

  @Field(() => String, { description: 'Opaque refresh token; it works once, then rotates' })
  refreshToken!: string;

  @Field(() => Int, { description: 'Seconds until the access token expires' })
  expiresIn!: number;
}

@ObjectType({ description: 'A signed-in session and its user' })
export class AuthPayload extends TokenPair {
  @Field(() => User, { description: 'The signed-in user' })
  user!: User;
}
