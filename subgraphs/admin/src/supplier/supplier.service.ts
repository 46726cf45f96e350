import { OutboxEventType } from '@astrobookings/prisma';
import { ConflictError } from '@astrobookings/shared';
import type { Caller } from '../common/caller';
import { isUniqueViolation } from '../common/prisma-errors';
import { supplierSnapshot } from '../common/snapshots';
import type { UnitOfWork } from '../common/unit-of-work';
import type { CreateSupplierInput } from './supplier.input';
import type { SupplierRow } from './supplier.repository';

const TAKEN = {
  userId: 'This user already runs a supplier',
  name: 'A supplier with this name already exists',
};

export class SupplierService {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * An employee onboards a supplier for an Auth user. The Admin subgraph cannot
   * read the Auth store, so it trusts the user id (the employee created that user
   * with the SUPPLIER role) and records who onboarded it.
   */
  async create(caller: Caller, input: CreateSupplierInput): Promise<SupplierRow> {
    const userId = input.userId.trim();
    const name = input.name.trim();
    const taken = await this.uow.read.suppliers.findTakenIdentity(userId, name);
    if (taken !== null) throw new ConflictError(TAKEN[taken]);
    try {
      return await this.uow.transaction(async (repos) => {
        const supplier = await repos.suppliers.create({ userId, name, createdBy: caller.userId });
        const snapshot = supplierSnapshot(supplier);
        await repos.changes.record(caller.auditActor, {
          event: OutboxEventType.SupplierCreated,
          entityType: 'supplier',
          entityId: supplier.id,
          after: snapshot,
          payload: { supplier: snapshot },
        });
        return supplier;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('This supplier already exists');
      throw error;
    }
  }

  /** Every supplier, by name (employees). */
  list(): Promise<SupplierRow[]> {
    return this.uow.read.suppliers.listByName();
  }
}
