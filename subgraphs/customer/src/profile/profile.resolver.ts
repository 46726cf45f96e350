import { Role, type GraphQLContext } from '@astrobookings/shared';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { customerOf } from '../common/customer';
import { UpdateMyProfileInput } from './profile.input';
import type { ProfileView } from './profile.repository';
import type { ProfileService } from './profile.service';
import { CustomerProfile } from './profile.type';

@Resolver(() => CustomerProfile)
export class ProfileResolver {
  constructor(private readonly profiles: ProfileService) {}

  @Authorized(Role.CUSTOMER)
  @Query(() => CustomerProfile, { description: 'Your customer profile' })
  async myProfile(@Ctx() context: GraphQLContext): Promise<ProfileView> {
    return this.profiles.get(await customerOf(context));
  }

  @Authorized(Role.CUSTOMER)
  @Mutation(() => CustomerProfile, { description: 'Change your name or phone number' })
  async updateMyProfile(
    @Arg('input', () => UpdateMyProfileInput) input: UpdateMyProfileInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ProfileView> {
    return this.profiles.update(await customerOf(context), input);
  }
}
