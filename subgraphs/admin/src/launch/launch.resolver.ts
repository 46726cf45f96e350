import { ForbiddenError, PageArgs, Role, type GraphQLContext } from '@astrobookings/shared';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { BookingRow } from '../booking/booking.repository';
import { Booking } from '../booking/booking.type';
import type { Callers } from '../common/caller';
import { LaunchStatus } from '../common/enums';
import { required, type Loaders } from '../common/loaders';
import type { RocketRow } from '../rocket/rocket.repository';
import { Rocket } from '../rocket/rocket.type';
import type { SpaceportRow } from '../spaceport/spaceport.repository';
import { Spaceport } from '../spaceport/spaceport.type';
import type { SupplierRow } from '../supplier/supplier.repository';
import { Supplier } from '../supplier/supplier.type';
import { ScheduleLaunchInput } from './launch.input';
import type { LaunchRow } from './launch.repository';
import type { LaunchService } from './launch.service';
import { Launch, LaunchConnection } from './launch.type';

@Resolver(() => Launch)
export class LaunchResolver {
  constructor(
    private readonly callers: Callers,
    private readonly launches: LaunchService,
    private readonly loaders: Loaders,
  ) {}

  @Authorized(Role.SUPPLIER)
  @Mutation(() => Launch, { description: 'Schedule a launch of one of your rockets (suppliers)' })
  async scheduleLaunch(
    @Arg('input', () => ScheduleLaunchInput) input: ScheduleLaunchInput,
    @Ctx() context: GraphQLContext,
  ): Promise<LaunchRow> {
    return this.launches.schedule(await this.callers.of(context, Role.SUPPLIER), input);
  }

  @Authorized(Role.SUPPLIER, Role.EMPLOYEE)
  @Mutation(() => Launch, {
    description: 'Move a launch that has not departed to a later time (its supplier or employees)',
  })
  async delayLaunch(
    @Arg('id', () => ID) id: string,
    @Arg('scheduledAt', () => Date, { description: 'The new departure time' }) scheduledAt: Date,
    @Arg('reason', () => String, { description: 'Told to the customers' }) reason: string,
    @Ctx() context: GraphQLContext,
  ): Promise<LaunchRow> {
    const caller = await this.callers.of(context, Role.SUPPLIER, Role.EMPLOYEE);
    return this.launches.delay(caller, id, scheduledAt, reason);
  }

  @Authorized(Role.SUPPLIER, Role.EMPLOYEE)
  @Mutation(() => Launch, {
    description:
      'Move a launch to its next status (its supplier or employees): LAUNCHED, SUCCESSFUL (issues the supplier invoice), FAILED, ABORTED or CANCELLED (bookings refunded in full)',
  })
  async changeLaunchStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => LaunchStatus) status: LaunchStatus,
    @Arg('reason', () => String, { nullable: true, description: 'Why, told to the customers' })
    reason: string | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<LaunchRow> {
    const caller = await this.callers.of(context, Role.SUPPLIER, Role.EMPLOYEE);
    return this.launches.changeStatus(caller, id, status, reason ?? undefined);
  }

  @Authorized(Role.SUPPLIER, Role.EMPLOYEE)
  @Mutation(() => Launch, {
    description:
      'Cancel a launch (its supplier or employees): every booking is cancelled and refunded in full, and customers are told',
  })
  async cancelLaunch(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why, told to the customers' }) reason: string,
    @Ctx() context: GraphQLContext,
  ): Promise<LaunchRow> {
    const caller = await this.callers.of(context, Role.SUPPLIER, Role.EMPLOYEE);
    return this.launches.changeStatus(caller, id, LaunchStatus.CANCELLED, reason);
  }

  @Authorized(Role.SUPPLIER)
  @Query(() => [Launch], {
    description: 'Your launches by departure, with their bookings (suppliers)',
  })
  async myLaunches(@Ctx() context: GraphQLContext): Promise<LaunchRow[]> {
    return this.launches.listOwn(await this.callers.of(context, Role.SUPPLIER));
  }

  @Authorized(Role.EMPLOYEE)
  @Query(() => LaunchConnection, { description: 'Every launch by departure (employees)' })
  allLaunches(
    @Arg('status', () => LaunchStatus, {
      nullable: true,
      description: 'Only launches in this status',
    })
    status: LaunchStatus | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    return this.launches.listAll(status ?? undefined, page);
  }

  @Directive('@shareable')
  @FieldResolver(() => Int, { description: 'Seats still for sale' })
  seatsAvailable(@Root() launch: LaunchRow): number {
    return launch.seatCapacity - launch.seatsSold;
  }

  @FieldResolver(() => Rocket, { description: 'The rocket that flies it' })
  async rocket(@Root() launch: LaunchRow, @Ctx() context: GraphQLContext): Promise<RocketRow> {
    return required(await this.loaders.rockets(context).load(launch.rocketId), 'rocket');
  }

  @Directive('@shareable')
  @FieldResolver(() => Spaceport, { description: 'Where it departs from' })
  async spaceport(
    @Root() launch: LaunchRow,
    @Ctx() context: GraphQLContext,
  ): Promise<SpaceportRow> {
    return required(await this.loaders.spaceports(context).load(launch.spaceportId), 'spaceport');
  }

  @FieldResolver(() => Supplier, { description: 'The supplier that operates it' })
  async supplier(@Root() launch: LaunchRow, @Ctx() context: GraphQLContext): Promise<SupplierRow> {
    return required(await this.loaders.suppliers(context).load(launch.supplierId), 'supplier');
  }

  @FieldResolver(() => [Booking], {
    description: 'Every booking on it, oldest first (its supplier or employees)',
  })
  async bookings(@Root() launch: LaunchRow, @Ctx() context: GraphQLContext): Promise<BookingRow[]> {
    const caller = await this.callers.of(context);
    if (!caller.canManage(launch.supplierId)) throw new ForbiddenError();
    return this.loaders.bookingsOfLaunch(context).load(launch.id);
  }
}
