import { OutboxEventType } from '@astrobookings/prisma';
import { ConflictError, ForbiddenError, NotFoundError } from '@astrobookings/shared';
import type { Caller } from '../common/caller';
import { rowId } from '../common/ids';
import { isUniqueViolation } from '../common/prisma-errors';
import { rocketSnapshot } from '../common/snapshots';
import type { UnitOfWork } from '../common/unit-of-work';
import type { CreateRocketInput, UpdateRocketInput } from './rocket.input';
import type { RocketRow } from './rocket.repository';

const NAME_TAKEN = 'You already have a rocket with this name';

/** A supplier's fleet: each supplier sees and changes only its own rockets. */
export class RocketService {
  constructor(private readonly uow: UnitOfWork) {}

  async create(caller: Caller, input: CreateRocketInput): Promise<RocketRow> {
    const supplierId = caller.ownSupplierId();
    try {
      return await this.uow.transaction(async (repos) => {
        const rocket = await repos.rockets.create({
          supplierId,
          name: input.name.trim(),
          capacity: input.capacity,
        });
        await repos.changes.record(caller.auditActor, {
          event: OutboxEventType.RocketCreated,
          entityType: 'rocket',
          entityId: rocket.id,
          after: rocketSnapshot(rocket),
          payload: { rocket: rocketSnapshot(rocket) },
        });
        return rocket;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(NAME_TAKEN);
      throw error;
    }
  }

  /** Renames or resizes a rocket; launches already scheduled keep their seats. */
  async update(caller: Caller, id: string, input: UpdateRocketInput): Promise<RocketRow> {
    const supplierId = caller.ownSupplierId();
    const rocketId = rowId(id, 'Rocket');
    try {
      return await this.uow.transaction(async (repos) => {
        const before = await repos.rockets.findById(rocketId);
        if (before === null) throw new NotFoundError('Rocket');
        if (before.supplierId !== supplierId) throw new ForbiddenError();
        const after = await repos.rockets.update(rocketId, {
          name: input.name?.trim(),
          capacity: input.capacity,
        });
        await repos.changes.record(caller.auditActor, {
          event: OutboxEventType.RocketUpdated,
          entityType: 'rocket',
          entityId: rocketId,
          before: rocketSnapshot(before),
          after: rocketSnapshot(after),
          payload: { rocket: rocketSnapshot(after) },
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(NAME_TAKEN);
      throw error;
    }
  }

  async listOwn(caller: Caller): Promise<RocketRow[]> {
    return await this.uow.read.rockets.listBySupplier(caller.ownSupplierId());
  }
}
