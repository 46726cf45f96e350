import { Role, type GraphQLContext } from '@astrobookings/shared';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Callers } from '../common/caller';
import { CreateSpaceportInput, UpdateSpaceportInput } from './spaceport.input';
import type { SpaceportRow } from './spaceport.repository';
import type { SpaceportService } from './spaceport.service';
import { Spaceport } from './spaceport.type';

@Resolver(() => Spaceport)
export class SpaceportResolver {
  constructor(
    private readonly callers: Callers,
    private readonly spaceportsService: SpaceportService,
  ) {}

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => Spaceport, { description: 'Add a launch site (employees)' })
  async createSpaceport(
    @Arg('input', () => CreateSpaceportInput) input: CreateSpaceportInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SpaceportRow> {
    return this.spaceportsService.create(await this.callers.of(context, Role.EMPLOYEE), input);
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => Spaceport, { description: 'Rename or move a launch site (employees)' })
  async updateSpaceport(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSpaceportInput) input: UpdateSpaceportInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SpaceportRow> {
    return this.spaceportsService.update(await this.callers.of(context, Role.EMPLOYEE), id, input);
  }

  @Authorized()
  @Query(() => [Spaceport], { description: 'Every launch site, by name' })
  spaceports(): Promise<SpaceportRow[]> {
    return this.spaceportsService.list();
  }
}
