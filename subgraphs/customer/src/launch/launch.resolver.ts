import { PageArgs } from '@astrobookings/shared';
import { Arg, Args, Authorized, ID, Query, Resolver } from 'type-graphql';
import { LaunchFilter } from './launch.input';
import type { LaunchView } from './launch.repository';
import type { LaunchCatalog } from './launch.service';
import { Launch, LaunchOnSaleConnection } from './launch.type';

@Resolver(() => Launch)
export class LaunchResolver {
  constructor(private readonly catalog: LaunchCatalog) {}

  @Authorized()
  @Query(() => LaunchOnSaleConnection, {
    description: 'Launches on sale (future, SCHEDULED or DELAYED), by departure time',
  })
  launches(
    @Arg('filter', () => LaunchFilter, { nullable: true }) filter: LaunchFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    return this.catalog.listOnSale(filter ?? undefined, page);
  }

  @Authorized()
  @Query(() => Launch, { description: 'One launch, on sale or not' })
  launch(@Arg('id', () => ID) id: string): Promise<LaunchView> {
    return this.catalog.get(id);
  }
}
