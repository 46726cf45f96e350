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
 * held and written when its work is done, all in one statement, in the order
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

  /**
   * Writes the changes held, their audit rows and their outbox events (in the
   * order recorded), in one statement. Raw SQL with a fixed shape: Prisma 7
   * compiles every createMany afresh (its plan cache leaves lists of rows out),
   * which cost more CPU than the inserts themselves.
   */
  async flush(): Promise<void> {
    const entries = this.held.splice(0);
    if (entries.length === 0) return;
    const correlationId = currentCorrelationId() ?? null;
    const json = (value: object | undefined): string | null =>
      value === undefined ? null : JSON.stringify(value);
    const events = entries.map(({ change }) => change.event);
    const types = entries.map(({ change }) => change.entityType);
    const ids = entries.map(({ change }) => change.entityId);
    await this.db.$executeRaw`
      WITH audit AS (
        INSERT INTO audit_log
               (actor_user_id, actor_roles, action, entity_type, entity_id, before, after, correlation_id)
        SELECT e.actor, ARRAY(SELECT jsonb_array_elements_text(e.roles)), e.action, e.entity_type,
               e.entity_id, e.before, e.after, ${correlationId}
          FROM unnest(
                 ${entries.map(({ actor }) => actor.userId)}::text[],
                 ${entries.map(({ actor }) => JSON.stringify(actor.roles))}::jsonb[],
                 ${events}::text[], ${types}::text[], ${ids}::text[],
                 ${entries.map(({ change }) => json(change.before))}::jsonb[],
                 ${entries.map(({ change }) => json(change.after))}::jsonb[]
               ) WITH ORDINALITY AS e(actor, roles, action, entity_type, entity_id, before, after, n)
         ORDER BY e.n
      )
      INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload, correlation_id)
      SELECT e.event_type, e.aggregate_type, e.aggregate_id, e.payload, ${correlationId}
        FROM unnest(
               ${events}::text[], ${types}::text[], ${ids}::text[],
               ${entries.map(({ change }) => JSON.stringify(change.payload))}::jsonb[]
             ) WITH ORDINALITY AS e(event_type, aggregate_type, aggregate_id, payload, n)
       ORDER BY e.n`;
  }
}
