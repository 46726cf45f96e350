import { LaunchStatus, OutboxEventType } from '@astrobookings/prisma';
import {
  BadUserInputError,
  ConflictError,
  decodeCursor,
  ForbiddenError,
  NotFoundError,
  pageSize,
  toConnection,
  type Connection,
  type PageArgs,
} from '@astrobookings/shared';
import type { BookingService } from '../booking/booking.service';
import type { Caller } from '../common/caller';
import type { Clock } from '../common/clock';
import { isRowId, rowId } from '../common/ids';
import { launchSnapshot } from '../common/snapshots';
import { reasonText } from '../common/text';
import type { Repositories, UnitOfWork } from '../common/unit-of-work';
import type { Invoicing } from '../invoice/invoicing';
import type { ScheduleLaunchInput } from './launch.input';
import { canMove, isCalledOff } from './launch-lifecycle';
import type { LaunchRow } from './launch.repository';

/** Scheduling launches and moving them through their lifecycle (see launch-lifecycle). */
export class LaunchService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingService,
    private readonly invoicing: Invoicing,
    private readonly clock: Clock,
  ) {}

  /**
   * A supplier schedules a launch of one of its own rockets, in the future, with
   * at most the rocket's seats (all of them unless fewer are given).
   */
  async schedule(caller: Caller, input: ScheduleLaunchInput): Promise<LaunchRow> {
    const supplierId = caller.ownSupplierId();
    const rocket = await this.uow.read.rockets.findById(rowId(input.rocketId, 'Rocket'));
    if (rocket === null) throw new NotFoundError('Rocket');
    if (rocket.supplierId !== supplierId) {
      throw new ForbiddenError('You can only schedule launches of your own rockets');
    }
    const spaceport = await this.uow.read.spaceports.findById(
      rowId(input.spaceportId, 'Spaceport'),
    );
    if (spaceport === null) throw new NotFoundError('Spaceport');
    if (input.scheduledAt <= this.clock()) {
      throw new BadUserInputError('A launch must be scheduled in the future', {
        field: 'scheduledAt',
      });
    }
    const seats = input.seats ?? rocket.capacity;
    if (seats > rocket.capacity) {
      throw new BadUserInputError(`The rocket has only ${rocket.capacity} seats`, {
        field: 'seats',
      });
    }

    return this.uow.transaction(async (repos) => {
      const launch = await repos.launches.create({
        supplierId,
        rocketId: rocket.id,
        spaceportId: spaceport.id,
        mission: input.mission.trim(),
        destination: input.destination.trim(),
        scheduledAt: input.scheduledAt,
        pricePerSeat: input.pricePerSeat,
        currency: input.currency,
        seatCapacity: seats,
      });
      const snapshot = launchSnapshot(launch, spaceport);
      await repos.changes.record(caller.auditActor, {
        event: OutboxEventType.LaunchScheduled,
        entityType: 'launch',
        entityId: launch.id,
        after: snapshot,
        payload: { launch: snapshot },
      });
      return launch;
    });
  }

  /** Moves a launch that has not departed to a later time; it becomes DELAYED. */
  async delay(caller: Caller, id: string, scheduledAt: Date, reason: string): Promise<LaunchRow> {
    const why = reasonText(reason);
    return await this.uow.transaction(async (repos) => {
      const launch = await this.lockManaged(repos, caller, id);
      if (!canMove(launch.status, LaunchStatus.DELAYED)) {
        throw new ConflictError(`A ${launch.status.toLowerCase()} launch cannot be delayed`);
      }
      if (scheduledAt <= launch.scheduledAt || scheduledAt <= this.clock()) {
        throw new BadUserInputError('A delay moves the launch to a later time in the future', {
          field: 'scheduledAt',
        });
      }
      const delayed = await repos.launches.update(launch.id, {
        status: LaunchStatus.DELAYED,
        statusReason: why,
        scheduledAt,
      });
      const spaceport = await repos.spaceports.findOfLaunch(launch);
      const snapshot = launchSnapshot(delayed, spaceport);
      await repos.changes.record(caller.auditActor, {
        event: OutboxEventType.LaunchDelayed,
        entityType: 'launch',
        entityId: launch.id,
        before: launchSnapshot(launch, spaceport),
        after: snapshot,
        payload: { launch: snapshot, previousScheduledAt: launch.scheduledAt.toISOString() },
      });
      return delayed;
    });
  }

  /**
   * Moves a launch to its next status. Calling it off (ABORTED, CANCELLED) cancels
   * its bookings with full refunds; SUCCESSFUL issues the supplier's invoice.
   */
  async changeStatus(
    caller: Caller,
    id: string,
    status: LaunchStatus,
    reason: string | undefined,
  ): Promise<LaunchRow> {
    if (status === LaunchStatus.DELAYED) {
      throw new BadUserInputError('A delay needs the new time: use delayLaunch', {
        field: 'status',
      });
    }
    const why = reason === undefined ? null : reasonText(reason);
    return await this.uow.transaction(async (repos) => {
      const launch = await this.lockManaged(repos, caller, id);
      if (!canMove(launch.status, status)) {
        throw new ConflictError(
          `A ${launch.status.toLowerCase()} launch cannot become ${status.toLowerCase()}`,
        );
      }
      let changed = await repos.launches.update(launch.id, { status, statusReason: why });
      if (isCalledOff(status)) {
        await this.bookings.cancelAllOfCalledOffLaunch(
          repos,
          caller,
          changed,
          why ?? `Launch ${status.toLowerCase()}`,
        );
        changed = (await repos.launches.findById(launch.id)) ?? changed;
      }
      if (status === LaunchStatus.SUCCESSFUL) {
        await this.invoicing.issueForLaunch(repos, caller, changed);
      }
      const spaceport = await repos.spaceports.findOfLaunch(launch);
      const snapshot = launchSnapshot(changed, spaceport);
      await repos.changes.record(caller.auditActor, {
        event: OutboxEventType.LaunchStatusChanged,
        entityType: 'launch',
        entityId: launch.id,
        before: launchSnapshot(launch, spaceport),
        after: snapshot,
        payload: { launch: snapshot, previousStatus: launch.status },
      });
      return changed;
    });
  }

  /** The caller's own launches (a supplier), by departure. */
  async listOwn(caller: Caller): Promise<LaunchRow[]> {
    return await this.uow.read.launches.listBySupplier(caller.ownSupplierId());
  }

  /** Every launch by departure, optionally of one status (employees). */
  async listAll(status: LaunchStatus | undefined, args: PageArgs): Promise<Connection<LaunchRow>> {
    const size = pageSize(args);
    const filter = status === undefined ? {} : { status };
    // An explicit null asks for the first page, like an omitted cursor.
    const after = args.after == null ? undefined : launchCursor(args.after);
    const [rows, totalCount] = await Promise.all([
      this.uow.read.launches.page(filter, size, after),
      this.uow.read.launches.count(filter),
    ]);
    return toConnection(rows, size, totalCount, (row) => [row.scheduledAt.toISOString(), row.id]);
  }

  private async lockManaged(repos: Repositories, caller: Caller, id: string): Promise<LaunchRow> {
    const launch = await repos.launches.lockById(rowId(id, 'Launch'));
    if (launch === null) throw new NotFoundError('Launch');
    caller.assertCanManage(launch.supplierId);
    return launch;
  }
}

function launchCursor(cursor: string): { scheduledAt: Date; id: string } {
  const [scheduledAt, id] = decodeCursor(cursor, 2);
  const date = new Date(String(scheduledAt));
  if (Number.isNaN(date.getTime()) || !isRowId(String(id))) {
    throw new BadUserInputError('Invalid cursor', { argument: 'after' });
  }
  return { scheduledAt: date, id: String(id) };
}
