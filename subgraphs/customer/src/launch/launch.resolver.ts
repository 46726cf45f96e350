import { cacheControlFromInfo } from '@apollo/cache-control-types';
import { PageArgs } from '@astrobookings/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, ID, Info, Query, Resolver } from 'type-graphql';
import { LaunchFilter } from './launch.input';
import type { LaunchView } from './launch.repository';
import type { LaunchCatalog } from './launch.service';
import { Launch, LaunchOnSaleConnection } from './launch.type';

@Resolver(() => Launch)
export class LaunchResolver {
  constructor(private readonly catalog: LaunchCatalog) {}

  /**
   * Every signed-in caller gets the same answer (scope PUBLIC), so the gateway
   * may reuse it for any of them until the catalog announces a change.
   */
  private hintReuse(info: GraphQLResolveInfo): void {
    cacheControlFromInfo(info).setCacheHint({
      maxAge: this.catalog.reusableForSeconds(),
      scope: 'PUBLIC',
    });
  }

  @Authorized()
  @Query(() => LaunchOnSaleConnection, {
    description: 'Launches on sale (future, SCHEDULED or DELAYED), by departure time',
  })
  launches(
    @Arg('filter', () => LaunchFilter, { nullable: true }) filter: LaunchFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    this.hintReuse(info);
    return this.catalog.listOnSale(filter ?? undefined, page);
  }

  @Authorized()
  @Query(() => Launch, { description: 'One launch, on sale or not' })
  launch(@Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo): Promise<LaunchView> {
    this.hintReuse(info);
    return this.catalog.get(id);
  }
}
