import { Role, type GraphQLContext } from '@astrobookings/shared';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Callers } from '../common/caller';
import { CreateRocketInput, UpdateRocketInput } from './rocket.input';
import type { RocketRow } from './rocket.repository';
import type { RocketService } from './rocket.service';
import { Rocket } from './rocket.type';

@Resolver(() => Rocket)
export class RocketResolver {
  constructor(
    private readonly callers: Callers,
    private readonly rockets: RocketService,
  ) {}

  @Authorized(Role.SUPPLIER)
  @Mutation(() => Rocket, { description: 'Add a rocket to your fleet (suppliers)' })
  async createRocket(
    @Arg('input', () => CreateRocketInput) input: CreateRocketInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RocketRow> {
    return this.rockets.create(await this.callers.of(context, Role.SUPPLIER), input);
  }

  @Authorized(Role.SUPPLIER)
  @Mutation(() => Rocket, { description: 'Rename or resize one of your rockets (suppliers)' })
  async updateRocket(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateRocketInput) input: UpdateRocketInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RocketRow> {
    return this.rockets.update(await this.callers.of(context, Role.SUPPLIER), id, input);
  }

  @Authorized(Role.SUPPLIER)
  @Query(() => [Rocket], { description: 'Your rockets, by name (suppliers)' })
  async myRockets(@Ctx() context: GraphQLContext): Promise<RocketRow[]> {
    return this.rockets.listOwn(await this.callers.of(context, Role.SUPPLIER));
  }
}
