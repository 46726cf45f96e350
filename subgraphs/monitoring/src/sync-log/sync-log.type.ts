import { SyncDirection } from '@astrobookings/shared';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(SyncDirection, {
  name: 'SyncDirection',
  description: 'Which way the sync worker carried data between the stores',
  valuesConfig: {
    TO_CUSTOMER_STORE: { description: 'Operational PostgreSQL → customer MongoDB' },
    TO_OPERATIONAL_STORE: { description: 'Customer MongoDB → operational PostgreSQL' },
  },
});

@ObjectType({ description: 'One run of the data synchronization worker' })
export class SyncLog {
  @Field(() => ID, { description: 'Opaque id of the run' })
  id!: string;

  @Field(() => SyncDirection, { description: 'Which way data went' })
  direction!: SyncDirection;

  @Field(() => String, { description: 'What was carried: launch, booking, invoice, …' })
  entity!: string;

  @Field(() => String, {
    description: 'What started the run: outbox, booking-request, reconciliation, …',
  })
  trigger!: string;

  @Field(() => Int, { description: 'Items looked at' })
  processed!: number;

  @Field(() => Int, { description: 'Items that changed the target store' })
  applied!: number;

  @Field(() => Int, { description: 'Items already applied or with nothing to change' })
  skipped!: number;

  @Field(() => Int, { description: 'Items that failed' })
  failed!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Longest time from a change in the source store to its arrival, in milliseconds',
  })
  lagMs!: number | null;

  @Field(() => [String], { description: 'What went wrong, per failed item' })
  errors!: string[];

  @Field(() => Date, { description: 'When the run started (UTC)' })
  startedAt!: Date;

  @Field(() => Date, { description: 'When the run finished (UTC)' })
  finishedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The request or job that caused the run' })
  correlationId!: string | null;
}
