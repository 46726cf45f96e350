import type { AggregateType, OutboxEventType, OutboxPayloads } from '@astrobookings/prisma';
import { currentCorrelationId } from '@astrobookings/shared';
import type { Db } from './db';

/** One change of one entity: its state before and after, and the event it is. */
export interface Change<T extends OutboxEventType> {
  /** Also the audit log's action. */
  event: T;
  entityType: AggregateType;
  entityId: string;
  before?: object;
  after: object;
  payload: OutboxPayloads[T];
}

/**
 * Writes a change's audit row and its outbox event with the change itself (the
 * repository of the change's transaction), so neither is ever lost nor written
 * for a change that was rolled back.
 */
export class ChangeLog {
  constructor(private readonly db: Db) {}

  async record<T extends OutboxEventType>(
    actor: { userId: string; roles: string[] },
    change: Change<T>,
  ): Promise<void> {
    const correlationId = currentCorrelationId() ?? null;
    // Snapshots are plain JSON objects (see snapshots.ts).
    const payload: object = change.payload;
    await this.db.auditLog.create({
      data: {
        actorUserId: actor.userId,
        actorRoles: actor.roles,
        action: change.event,
        entityType: change.entityType,
        entityId: change.entityId,
        before: change.before,
        after: change.after,
        correlationId,
      },
      select: { id: true },
    });
    await this.db.outboxEvent.create({
      data: {
        eventType: change.event,
        aggregateType: change.entityType,
        aggregateId: change.entityId,
        payload,
        correlationId,
      },
      select: { id: true },
    });
  }
}
