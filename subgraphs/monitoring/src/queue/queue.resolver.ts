import { Authorized, Query, Resolver } from 'type-graphql';
import { Role } from '@astrobookings/shared';
import type { ProjectQueues } from './project-queues';
import { QueueStatus } from './queue.type';

@Resolver()
export class QueueResolver {
  constructor(private readonly projectQueues: ProjectQueues) {}

  @Authorized(Role.OPERATOR)
  @Query(() => [QueueStatus], { description: 'Job counts of every BullMQ queue (operators only)' })
  queues(): Promise<QueueStatus[]> {
    return this.projectQueues.counts();
  }
}
