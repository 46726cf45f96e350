import { OutboxEventType } from '@astrobookings/prisma';
import { ConflictError, NotFoundError } from '@astrobookings/shared';
import type { Caller } from '../common/caller';
import { rowId } from '../common/ids';
import { isUniqueViolation } from '../common/prisma-errors';
import { spaceportSnapshot } from '../common/snapshots';
import type { UnitOfWork } from '../common/unit-of-work';
import type { CreateSpaceportInput, UpdateSpaceportInput } from './spaceport.input';
import type { SpaceportRow } from './spaceport.repository';

const NAME_TAKEN = 'A spaceport with this name already exists';

export class SpaceportService {
  constructor(private readonly uow: UnitOfWork) {}

  async create(caller: Caller, input: CreateSpaceportInput): Promise<SpaceportRow> {
    try {
      return await this.uow.transaction(async (repos) => {
        const spaceport = await repos.spaceports.create({
          name: input.name.trim(),
          location: input.location.trim(),
        });
        const snapshot = spaceportSnapshot(spaceport);
        await repos.changes.record(caller.auditActor, {
          event: OutboxEventType.SpaceportCreated,
          entityType: 'spaceport',
          entityId: spaceport.id,
          after: snapshot,
          payload: { spaceport: snapshot },
        });
        return spaceport;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(NAME_TAKEN);
      throw error;
    }
  }

  async update(caller: Caller, id: string, input: UpdateSpaceportInput): Promise<SpaceportRow> {
    const spaceportId = rowId(id, 'Spaceport');
    try {
      return await this.uow.transaction(async (repos) => {
        const before = await repos.spaceports.findById(spaceportId);
        if (before === null) throw new NotFoundError('Spaceport');
        const after = await repos.spaceports.update(spaceportId, {
          name: input.name?.trim(),
          location: input.location?.trim(),
        });
        await repos.changes.record(caller.auditActor, {
          event: OutboxEventType.SpaceportUpdated,
          entityType: 'spaceport',
          entityId: spaceportId,
          before: spaceportSnapshot(before),
          after: spaceportSnapshot(after),
          payload: { spaceport: spaceportSnapshot(after) },
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(NAME_TAKEN);
      throw error;
    }
  }

  list(): Promise<SpaceportRow[]> {
    return this.uow.read.spaceports.listByName();
  }
}
