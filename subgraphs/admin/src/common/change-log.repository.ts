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

type Actor = { userId: string; roles: string[] };

/**
 * Writes a change's audit row and its outbox event with the change itself (the
 * repository of the change's transaction), so neither is ever lost nor written
 * for a change that was rolled back. In a transaction (`deferred`) they are
 * held and written when its work is done, all in two statements, in the order
 * recorded (UnitOfWork calls `flush` before committing).
 */
export class ChangeLog {
  private readonly held: { actor: Actor; change: Change<OutboxEventType> }[] = [];

  constructor(
    private readonly db: Db,
    private readonly deferred = false,
  ) {}

  record<T extends OutboxEventType>(actor: Actor, change: Change<T>): Promise<void> {
    return this.recordAll([{ actor, change }]);
  }

  async recordAll(
    entries: readonly { actor: Actor; change: Change<OutboxEventType> }[],
  ): Promise<void> {
    this.held.push(...entries);
    if (!this.deferred) await this.flush();
  }

  /** Writes the changes held: their audit rows in one statement, their outbox events in another. */
  async flush(): Promise<void> {
    const entries = this.held.splice(0);
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
