import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  type Principal,
} from '@astrobookings/shared';
import { randomUUID } from 'node:crypto';
import { MAX_SEATS, MIN_SEATS, type BookingSettings } from '../booking/booking.service';
import type { Clock } from '../common/clock';
import type { OutcomeWaiter } from '../common/outcome-waiter';
import type { SyncRequests } from '../common/sync-requests';
import type { LaunchCatalog } from '../launch/launch.service';
import type { ProfileService } from '../profile/profile.service';
import type { WaitlistEntryView, WaitlistRepository } from './waitlist.repository';

/** More than anyone waits for. */
const MAX_LISTED = 200;
const IN_LINE = new Set<WaitlistEntryView['status']>(['PENDING', 'WAITING', 'HOLDING']);

/**
 * Waitlists of sold-out launches. The customer's request is recorded here and
 * carried to PostgreSQL by the sync worker: PostgreSQL keeps the line, and holds
 * seats that come free for the first in line.
 */
export class WaitlistService {
  constructor(
    private readonly entries: WaitlistRepository,
    private readonly catalog: LaunchCatalog,
    private readonly profiles: ProfileService,
    private readonly requests: SyncRequests,
    private readonly outcomes: OutcomeWaiter,
    private readonly settings: BookingSettings,
    private readonly clock: Clock,
  ) {}

  async join(caller: Principal, launchId: string, seats: number): Promise<WaitlistEntryView> {
    if (!Number.isInteger(seats) || seats < MIN_SEATS || seats > MAX_SEATS) {
      throw new BadUserInputError(`A waitlist entry is for ${MIN_SEATS} to ${MAX_SEATS} seats`, {
        field: 'seats',
      });
    }
    const launch = await this.catalog.getOnSale(launchId);
    const existing = await this.entries.findOfCustomer(caller.userId, launch.id);
    if (existing !== undefined && existing.request === 'JOIN' && IN_LINE.has(existing.status)) {
      return existing;
    }
    if (launch.seatsAvailable >= seats) {
      throw new ConflictError(
        `${launch.seatsAvailable} seats are on sale: book them instead of waiting`,
      );
    }
    await this.profiles.ensure(caller);
    const now = this.clock();
    let id = existing?.id;
    if (id === undefined) {
      const candidate = randomUUID();
      const inserted = await this.entries.insertJoin(
        { id: candidate, customerUserId: caller.userId, launchId: launch.id, seats },
        now,
      );
      id = inserted ? candidate : (await this.entries.findOfCustomer(caller.userId, launch.id))?.id;
      if (id === undefined) throw new Error('a waitlist entry that won its unique index is gone');
    } else {
      await this.entries.requestJoin(id, seats, now);
    }
    return this.carried(id);
  }

  async leave(caller: Principal, launchId: string): Promise<WaitlistEntryView> {
    const entry = await this.entries.findOfCustomer(caller.userId, launchId);
    if (entry === undefined) throw new NotFoundError('Waitlist entry');
    if (entry.request === 'LEAVE' || !IN_LINE.has(entry.status)) return entry;
    await this.entries.requestLeave(entry.id, this.clock());
    return this.carried(entry.id);
  }

  listOwn(caller: Principal): Promise<WaitlistEntryView[]> {
    return this.entries.listByCustomer(caller.userId, MAX_LISTED);
  }

  /** 1 for the next in line, while WAITING. */
  async position(entry: WaitlistEntryView): Promise<number | null> {
    if (entry.status !== 'WAITING' || entry.queuedAt === null) return null;
    return (await this.entries.countAhead(entry.launchId, entry.queuedAt, entry.id)) + 1;
  }

  /** Hands the entry's latest request to the sync worker and waits a moment for PostgreSQL's answer. */
  private async carried(id: string): Promise<WaitlistEntryView> {
    const current = await this.read(id);
    return this.outcomes.settle({
      entity: 'waitlist',
      id,
      timeoutMs: this.settings.waitMs,
      handOver: () => this.requests.waitlist(id, current.requestedAt),
      read: () => this.read(id),
      settled: (entry) => !entry.requestPending,
    });
  }

  private async read(id: string): Promise<WaitlistEntryView> {
    const entry = await this.entries.findById(id);
    if (entry === undefined)
      throw new Error(`waitlist entry ${id} vanished from the customer store`);
    return entry;
  }
}
