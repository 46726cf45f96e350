import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many jobs of one BullMQ queue are in each state' })
export class QueueStatus {
  @Field(() => String, { description: 'The queue: sync or notifications' })
  name!: string;

  @Field(() => Int, { description: 'Ready to run (prioritized jobs included)' })
  waiting!: number;

  @Field(() => Int, { description: 'Running now' })
  active!: number;

  @Field(() => Int, { description: 'Finished and still kept (completed jobs are kept for a day)' })
  completed!: number;

  @Field(() => Int, { description: 'Failed for good and still kept (for a week)' })
  failed!: number;

  @Field(() => Int, { description: 'Waiting for a later time, such as a retry in backoff' })
  delayed!: number;

  @Field(() => Boolean, { description: 'Whether workers are held from taking its jobs' })
  paused!: boolean;
}
