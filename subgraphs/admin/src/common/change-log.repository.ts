import type { OutboxMessage, Prisma } from '@astrobookings/prisma';
import { currentCorrelationId } from '@astrobookings/shared';
import type { Db } from './db';

/** One change for the audit log: who did what to which entity, and its state before and after. */
export interface Change {
  actor: { userId: string; roles: string[] };
  action: string;
  entityType: string;
  entityId: string;
  before?: object;
  after?: object;
}

/**
 * Writes the audit row of a change and its outbox events with the change itself
 * (the repository of the change's transaction), so neither is ever lost nor
 * written for a change that was rolled back.
 */
export class ChangeLog {
  constructor(private readonly db: Db) {}

  async record(change: Change, events: readonly OutboxMessage[]): Promise<void> {
    const correlationId = currentCorrelationId() ?? null;
    await this.db.auditLog.create({
      data: {
        actorUserId: change.actor.userId,
        actorRoles: change.actor.roles,
        action: change.action,
        entityType: change.entityType,
        entityId: change.entityId,
        before: change.before,
        after: change.after,
        correlationId,
      },
      select: { id: true },
    });
    if (events.length === 0) return;
    await this.db.outboxEvent.createMany({
      data: events.map((event) => ({
        eventType: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        payload: event.payload as unknown as Prisma.InputJsonObject,
        correlationId,
      })),
    });
  }
}
