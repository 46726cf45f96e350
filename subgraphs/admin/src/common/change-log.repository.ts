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

  record<T extends OutboxEventType>(
    actor: { userId: string; roles: string[] },
    change: Change<T>,
  ): Promise<void> {
    return this.recordAll([{ actor, change }]);
  }

  /** Several changes, in order: their audit rows in one statement, their outbox events in another. */
  async recordAll(
    entries: readonly {
      actor: { userId: string; roles: string[] };
      change: Change<OutboxEventType>;
    }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const correlationId = currentCorrelationId() ?? null;
    await this.db.auditLog.createMany({
      data: entries.map(({ actor, change }) => ({
        actorUserId: actor.userId,
        actorRoles: actor.roles,
        action: change.event,
        entityType: change.entityType,
        entityId: change.entityId,
        before: change.before,
        after: change.after,
        correlationId,
      })),
    });
    await this.db.outboxEvent.createMany({
      data: entries.map(({ change }) => {
        // Snapshots are plain JSON objects (see snapshots.ts).
        const payload: object = change.payload;
        return {
          eventType: change.event,
          aggregateType: change.entityType,
          aggregateId: change.entityId,
          payload,
          correlationId,
        };
      }),
    });
  }
}
