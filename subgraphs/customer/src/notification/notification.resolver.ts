import { Role, type GraphQLContext } from '@astrobookings/shared';
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { customerOf } from '../common/customer';
import type { CustomerNotificationReader, NotificationView } from './notification.repository';
import { CustomerNotification } from './notification.type';

/** The most recent ones; older ones are in the customer's mailbox. */
const MAX_LISTED = 200;

@Resolver(() => CustomerNotification)
export class NotificationResolver {
  constructor(private readonly notifications: CustomerNotificationReader) {}

  @Authorized(Role.CUSTOMER)
  @Query(() => [CustomerNotification], { description: 'Your notifications, newest first' })
  async myNotifications(@Ctx() context: GraphQLContext): Promise<NotificationView[]> {
    const caller = await customerOf(context);
    return this.notifications.listByUser(caller.userId, MAX_LISTED);
  }
}
