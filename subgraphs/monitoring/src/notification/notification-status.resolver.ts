import { Max, Min } from 'class-validator';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Field,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
} from 'type-graphql';
import { NotificationState, Role } from '@astrobookings/shared';
import type { NotificationStatusService } from './notification-status.service';
import { NotificationStatus } from './notification-status.type';

@ArgsType()
class NotificationStatusArgs {
  @Field(() => NotificationState, {
    nullable: true,
    description: 'Only notifications in this state',
  })
  status?: NotificationState | null;

  @Min(1)
  @Max(500)
  @Field(() => Int, {
    defaultValue: 100,
    description: 'How many, most recently changed first (1 to 500)',
  })
  first!: number;
}

@Resolver()
export class NotificationStatusResolver {
  constructor(private readonly notifications: NotificationStatusService) {}

  @Authorized(Role.OPERATOR)
  @Query(() => [NotificationStatus], {
    description:
      'Notification emails and their delivery, most recently changed first (operators only)',
  })
  notificationStatuses(
    @Args(() => NotificationStatusArgs) args: NotificationStatusArgs,
  ): Promise<NotificationStatus[]> {
    // An explicit null from the client means the same as leaving it out.
    return this.notifications.list(args.status ?? undefined, args.first);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => NotificationStatus, {
    description: 'Send a FAILED notification again, with a fresh set of attempts (operators only)',
  })
  retryNotification(@Arg('id', () => ID) id: string): Promise<NotificationStatus> {
    return this.notifications.retry(id);
  }
}
