import { Role, type GraphQLContext } from '@astrobookings/shared';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { customerOf } from '../common/customer';
import { launchLoader } from '../launch/launch.reference';
import type { LaunchView, LaunchViewRepository } from '../launch/launch.repository';
import { Launch } from '../launch/launch.type';
import type { WaitlistEntryView } from './waitlist.repository';
import type { WaitlistService } from './waitlist.service';
import { WaitlistEntry } from './waitlist.type';

@Resolver(() => WaitlistEntry)
export class WaitlistResolver {
  constructor(
    private readonly waitlist: WaitlistService,
    private readonly launches: LaunchViewRepository,
  ) {}

  @Authorized(Role.CUSTOMER)
  @Mutation(() => WaitlistEntry, {
    description:
      "Join a sold-out launch's waitlist: you are told by email when seats are held for you. Already in line, you get your entry back unchanged (leave first to wait for another number of seats)",
  })
  async joinWaitlist(
    @Arg('launchId', () => ID) launchId: string,
    @Arg('seats', () => Int, { description: 'Seats wanted, 1 to 4' }) seats: number,
    @Ctx() context: GraphQLContext,
  ): Promise<WaitlistEntryView> {
    return this.waitlist.join(await customerOf(context), launchId, seats);
  }

  @Authorized(Role.CUSTOMER)
  @Mutation(() => WaitlistEntry, {
    description: "Leave a launch's waitlist; seats held for you go to the next in line",
  })
  async leaveWaitlist(
    @Arg('launchId', () => ID) launchId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<WaitlistEntryView> {
    return this.waitlist.leave(await customerOf(context), launchId);
  }

  @Authorized(Role.CUSTOMER)
  @Query(() => [WaitlistEntry], { description: 'Your waitlist entries, latest first' })
  async myWaitlist(@Ctx() context: GraphQLContext): Promise<WaitlistEntryView[]> {
    return this.waitlist.listOwn(await customerOf(context));
  }

  @FieldResolver(() => Launch, { description: 'The launch waited for' })
  async launch(
    @Root() entry: WaitlistEntryView,
    @Ctx() context: GraphQLContext,
  ): Promise<LaunchView> {
    const launch = await launchLoader(this.launches, context).load(entry.launchId);
    if (launch === undefined) throw new Error(`launch ${entry.launchId} is not in the read model`);
    return launch;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Your place in line (1 is next) while WAITING',
  })
  position(@Root() entry: WaitlistEntryView): Promise<number | null> {
    return this.waitlist.position(entry);
  }
}
