import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One process's traffic over a snapshot interval" })
export class ServiceMetrics {
  @Field(() => String, { description: 'The process: gateway, auth, admin, …' })
  service!: string;

  @Field(() => Boolean, { description: 'Whether its /metrics answered' })
  up!: boolean;

  @Field(() => Float, { description: 'Requests per second' })
  requestRate!: number;

  @Field(() => Float, { description: 'Failed requests per second (HTTP 5xx, GraphQL errors)' })
  errorRate!: number;

  @Field(() => Float, { nullable: true, description: '95th percentile latency in ms' })
  p95LatencyMs!: number | null;
}

@ObjectType({ description: 'How many jobs a queue held when the snapshot was taken' })
export class QueueDepth {
  @Field(() => String, { description: 'The queue: sync or notifications' })
  name!: string;

  @Field(() => Int, { description: 'Ready to run' })
  waiting!: number;

  @Field(() => Int, { description: 'Running' })
  active!: number;

  @Field(() => Int, { description: 'Waiting for a later time (retries in backoff)' })
  delayed!: number;

  @Field(() => Int, { description: 'Failed for good and kept' })
  failed!: number;
}

@ObjectType({ description: 'A snapshot of the whole system over one interval, for charts' })
export class SystemMetrics {
  @Field(() => Date, { description: 'When it was taken (UTC)' })
  takenAt!: Date;

  @Field(() => Float, { description: 'Seconds since the previous snapshot, which the rates cover' })
  intervalSeconds!: number;

  @Field(() => Float, {
    description: 'Requests per second across all processes (health and metrics calls excluded)',
  })
  requestRate!: number;

  @Field(() => Float, { description: 'Failed requests per second (HTTP 5xx, GraphQL errors)' })
  errorRate!: number;

  @Field(() => Float, { description: 'Share of requests that failed, 0 to 1' })
  errorRatio!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      '95th percentile request latency across all processes in ms; null without requests',
  })
  p95LatencyMs!: number | null;

  @Field(() => Int, { description: 'Jobs not started yet across all queues (waiting and delayed)' })
  queueDepth!: number;

  @Field(() => [ServiceMetrics], { description: 'The same per process' })
  services!: ServiceMetrics[];

  @Field(() => [QueueDepth], { description: 'Each queue' })
  queues!: QueueDepth[];
}
