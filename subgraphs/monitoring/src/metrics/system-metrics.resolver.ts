import { Max, Min } from 'class-validator';
import { Args, ArgsType, Authorized, Field, Int, Query, Resolver } from 'type-graphql';
import { Role } from '@astrobookings/shared';
import type { SystemMetricsRepository } from './system-metrics.repository';
import { SystemMetrics } from './system-metrics.type';

@ArgsType()
class SystemMetricsArgs {
  @Field(() => Date, { nullable: true, description: 'Only snapshots taken at or after this time' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only snapshots taken at or before this time' })
  until?: Date | null;

  @Min(1)
  @Max(2_000)
  @Field(() => Int, {
    defaultValue: 240,
    description:
      'At most this many, the latest ones (1 to 2000; at the default interval of 15 s, 240 is an hour)',
  })
  last!: number;
}

@Resolver()
export class SystemMetricsResolver {
  constructor(private readonly snapshots: SystemMetricsRepository) {}

  @Authorized(Role.OPERATOR)
  @Query(() => [SystemMetrics], {
    description: 'Periodic system snapshots, oldest first, to chart (operators only)',
  })
  async systemMetrics(
    @Args(() => SystemMetricsArgs) args: SystemMetricsArgs,
  ): Promise<SystemMetrics[]> {
    // An explicit null from the client means the same as leaving it out.
    return this.snapshots.findLatest(
      { since: args.since ?? undefined, until: args.until ?? undefined },
      args.last,
    );
  }
}
