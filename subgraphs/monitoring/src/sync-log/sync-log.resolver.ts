import { Max, MaxLength, Min } from 'class-validator';
import { Args, ArgsType, Authorized, Field, Int, Query, Resolver } from 'type-graphql';
import { Role, SyncDirection, type SyncLogRecord } from '@astrobookings/shared';
import type { SyncLogRepository } from './sync-log.repository';
import { SyncLog } from './sync-log.type';

@ArgsType()
class SyncLogArgs {
  @Field(() => SyncDirection, { nullable: true, description: 'Only runs in this direction' })
  direction?: SyncDirection | null;

  @MaxLength(100)
  @Field(() => String, { nullable: true, description: 'Only runs that carried this entity' })
  entity?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only runs finished at or after this time' })
  since?: Date | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Only runs with failed items' })
  failedOnly!: boolean;

  @Min(1)
  @Max(500)
  @Field(() => Int, { defaultValue: 50, description: 'How many, newest first (1 to 500)' })
  first!: number;
}

function toView(record: SyncLogRecord): SyncLog {
  return {
    id: record._id,
    direction: record.direction,
    entity: record.entity,
    trigger: record.trigger,
    processed: record.processed,
    applied: record.applied,
    skipped: record.skipped,
    failed: record.failed,
    lagMs: record.lagMs ?? null,
    errors: record.errorMessages ?? [],
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    correlationId: record.correlationId ?? null,
  };
}

@Resolver()
export class SyncLogResolver {
  constructor(private readonly runs: SyncLogRepository) {}

  @Authorized(Role.OPERATOR)
  @Query(() => [SyncLog], {
    description: "The data synchronization worker's runs, newest first (operators only)",
  })
  async syncLogs(@Args(() => SyncLogArgs) args: SyncLogArgs): Promise<SyncLog[]> {
    // An explicit null from the client means the same as leaving it out.
    const records = await this.runs.findLatest(
      {
        direction: args.direction ?? undefined,
        entity: args.entity ?? undefined,
        since: args.since ?? undefined,
        failedOnly: args.failedOnly,
      },
      args.first,
    );
    return records.map(toView);
  }
}
