import { Arg, Args, Authorized, Query, Resolver } from 'type-graphql';
import { PageArgs, Role, type Connection } from '@astrobookings/shared';
import { SystemLogFilter } from './system-log.input';
import type { SystemLogService } from './system-log.service';
import { SystemLogConnection, type SystemLog } from './system-log.type';

@Resolver()
export class SystemLogResolver {
  constructor(private readonly logs: SystemLogService) {}

  @Authorized(Role.OPERATOR)
  @Query(() => SystemLogConnection, {
    description: "Every process's log lines, newest first, filtered and paged (operators only)",
  })
  systemLogs(
    @Arg('filter', () => SystemLogFilter, { nullable: true }) filter: SystemLogFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<SystemLog>> {
    return this.logs.search(filter, page);
  }
}
