import type { OutboxRepository } from '../operational/outbox.repository';
import type { WaitlistRepository } from '../operational/waitlist.repository';
import type { OutcomeAnnouncer } from '../outcome-announcer';
import { waitlistFromRecord } from '../read-model/states';
import type { WaitlistCopies } from '../read-model/waitlist-copies';
import type { EventEffect } from './outbox-event.handler';

/**
 * A customer's latest waitlist request, from the customer store to PostgreSQL,
 * which keeps the line. The entry as PostgreSQL then has it is copied straight
 * back (its outbox events bring the same, in order) and announced. Joining an
 * entry already in line, or leaving one already out, changes nothing.
 */
export class WaitlistRequestHandler {
  constructor(
    private readonly waitlists: WaitlistRepository,
    private readonly outbox: OutboxRepository,
    private readonly copies: WaitlistCopies,
    private readonly announcer: OutcomeAnnouncer,
    private readonly holdMinutes: number,
    private readonly clock: () => Date,
  ) {}

  async handle(entryId: string): Promise<EventEffect & { lagMs?: number }> {
    const request = await this.copies.findRequest(entryId);
    if (request === undefined || !request.requestPending) {
      return { entity: 'waitlist', applied: false };
    }
    if (request.request === 'JOIN') {
      await this.waitlists.join(
        {
          id: request._id,
          launchId: request.launchId,
          customerUserId: request.customerUserId,
          seats: request.seats,
        },
        this.holdMinutes,
      );
    } else {
      await this.waitlists.leave(request._id);
    }
    const [state, version] = await Promise.all([
      this.waitlists.findById(entryId),
      this.outbox.latestOf('waitlist', entryId),
    ]);
    const now = this.clock();
    let applied = false;
    if (state !== undefined && version !== undefined) {
      applied = await this.copies.apply(waitlistFromRecord(state), Number(version), now);
    } else {
      // PostgreSQL has no such entry: a leave before the join arrived, or a launch it does not know.
      applied = await this.copies.settleUnknown(
        entryId,
        request.request === 'LEAVE' ? 'LEFT' : 'CLOSED',
        now,
      );
    }
    await this.copies.markCarried(entryId, request.requestedAt, now);
    await this.announcer.announce({ entity: 'waitlist', id: entryId });
    return { entity: 'waitlist', applied, lagMs: now.getTime() - request.requestedAt.getTime() };
  }
}
