import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ServiceState {
  /** /ready answered 200: every dependency is up. */
  UP = 'UP',
  /** /ready answered, but not 200: a dependency is down. */
  DOWN = 'DOWN',
  /** /ready did not answer in time. */
  UNREACHABLE = 'UNREACHABLE',
}

registerEnumType(ServiceState, {
  name: 'ServiceState',
  description: "A process's readiness: UP, DOWN (a dependency is down) or UNREACHABLE",
});

@ObjectType({ description: 'One dependency of a process as its /ready reported it' })
export class DependencyHealth {
  @Field(() => String, { description: 'The dependency: system-mongo, redis, auth-subgraph, …' })
  name!: string;

  @Field(() => Boolean, { description: 'Whether it answered' })
  up!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it did not' })
  error!: string | null;
}

@ObjectType({ description: 'The readiness of one process of the system, checked just now' })
export class ServiceHealth {
  @Field(() => String, { description: 'The process: gateway, auth, admin, …' })
  service!: string;

  @Field(() => ServiceState, { description: 'UP, DOWN or UNREACHABLE' })
  status!: ServiceState;

  @Field(() => Date, { description: 'When it was checked (UTC)' })
  checkedAt!: Date;

  @Field(() => String, { description: 'The readiness URL that was checked' })
  url!: string;

  @Field(() => Int, { nullable: true, description: 'How long /ready took to answer, in ms' })
  latencyMs!: number | null;

  @Field(() => [DependencyHealth], { description: 'Its dependencies, as it reported them' })
  dependencies!: DependencyHealth[];
}
