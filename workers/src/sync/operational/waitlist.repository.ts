import type { Prisma, PrismaClient } from '@astrobookings/prisma';

/** What a waitlist request asks PostgreSQL for. */
export interface WaitlistJoin {
  id: string;
  launchId: string;
  customerUserId: string;
  seats: number;
}

export interface WaitlistEntryState {
  id: string;
  launchId: string;
  customerUserId: string;
  seats: number;
  heldSeats: number | null;
  status: string;
  queuedAt: Date;
  holdExpiresAt: Date | null;
  bookingId: string | null;
}

interface LockedLaunch {
  status: string;
  scheduled_at: Date;
  seat_capacity: number;
  seats_sold: number;
}

type Tx = Prisma.TransactionClient;

const ON_SALE = ['SCHEDULED', 'DELAYED'];
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 30_000 };

/**
 * Waitlists in PostgreSQL, where seats are decided. Holds are granted and used by
 * the waitlist migration's triggers; this is the rest: joining, leaving, expiry,
 * and closing the waitlist of a launch that went off sale. Each locks the launch
 * before its entries (the order of every path that frees or takes seats) and
 * writes a `waitlist.updated` outbox event per entry it changes.
 */
export class WaitlistRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Puts the customer in line (or back at its end after leaving, expiring or
   * booking), CLOSED if the launch is not on sale; then offers any free seats.
   * A customer already in line stays where they are.
   */
  join(entry: WaitlistJoin, holdMinutes: number): Promise<'queued' | 'unchanged' | 'no-launch'> {
    return this.prisma.$transaction(async (tx) => {
      const launch = await lockLaunch(tx, entry.launchId);
      if (launch === undefined) return 'no-launch';
      const onSale = isOnSale(launch);
      const changed = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO waitlist_entries
               (id, launch_id, customer_user_id, seats, status, hold_minutes, queued_at, created_at, updated_at)
        VALUES (${entry.id}::uuid, ${entry.launchId}::uuid, ${entry.customerUserId}, ${entry.seats},
                ${onSale ? 'WAITING' : 'CLOSED'}::"WaitlistStatus", ${holdMinutes}, now(), now(), now())
        ON CONFLICT (launch_id, customer_user_id) DO UPDATE
           SET status = EXCLUDED.status, seats = EXCLUDED.seats, hold_minutes = EXCLUDED.hold_minutes,
               queued_at = now(), hold_expires_at = NULL, booking_id = NULL, updated_at = now()
         WHERE waitlist_entries.status IN ('LEFT', 'EXPIRED', 'BOOKED', 'CLOSED')
        RETURNING id::text AS id`;
      if (changed.length === 0) return 'unchanged';
      let sold = launch.seats_sold;
      let holders: string[] = [];
      if (onSale) {
        const [offered] = await tx.$queryRaw<{ granted: number; entry_ids: string[] }[]>`
          SELECT granted, entry_ids::text[] AS entry_ids
            FROM waitlist_grant_holds(${entry.launchId}::uuid, ${launch.seat_capacity - sold})`;
        if (offered !== undefined && offered.granted > 0) {
          sold += offered.granted;
          holders = offered.entry_ids;
          await tx.$executeRaw`
            UPDATE launches SET seats_sold = ${sold}, updated_at = now() WHERE id = ${entry.launchId}::uuid`;
        }
      }
      for (const holder of holders) {
        await recordEvent(tx, 'waitlist.hold_granted', holder, launch.seat_capacity, sold);
      }
      if (!holders.includes(entry.id)) {
        await recordEvent(tx, 'waitlist.updated', entry.id, launch.seat_capacity, sold);
      }
      return 'queued';
    }, TRANSACTION_LIMITS);
  }

  /** Takes the customer out of line; seats they held go to the next in line. */
  leave(entryId: string): Promise<'left' | 'unchanged'> {
    return this.prisma.$transaction(async (tx) => {
      const launchId = await launchOfEntry(tx, entryId);
      if (launchId === undefined) return 'unchanged';
      const launch = await lockLaunch(tx, launchId);
      if (launch === undefined) return 'unchanged';
      const [entry] = await tx.$queryRaw<{ status: string; held_seats: number | null }[]>`
        SELECT status::text AS status, held_seats FROM waitlist_entries WHERE id = ${entryId}::uuid FOR UPDATE`;
      if (entry === undefined || !['WAITING', 'HOLDING'].includes(entry.status)) return 'unchanged';
      await this.endEntries(tx, launchId, [{ id: entryId, ...entry }], 'LEFT', launch);
      return 'left';
    }, TRANSACTION_LIMITS);
  }

  /**
   * Ends holds whose time is up (oldest first, at most `limit`); their seats go to
   * the next in line, or back on sale.
   */
  async expireDue(limit: number): Promise<number> {
    const due = await this.prisma.$queryRaw<{ id: string; launch_id: string }[]>`
      SELECT id::text AS id, launch_id::text AS launch_id FROM waitlist_entries
       WHERE status = 'HOLDING' AND hold_expires_at <= now()
       ORDER BY hold_expires_at
       LIMIT ${limit}`;
    let expired = 0;
    for (const candidate of due) {
      expired += await this.prisma.$transaction(async (tx) => {
        const launch = await lockLaunch(tx, candidate.launch_id);
        if (launch === undefined) return 0;
        const [entry] = await tx.$queryRaw<{ held_seats: number | null }[]>`
          SELECT held_seats FROM waitlist_entries
           WHERE id = ${candidate.id}::uuid AND status = 'HOLDING' AND hold_expires_at <= now()
             FOR UPDATE SKIP LOCKED`;
        if (entry === undefined) return 0;
        await this.endEntries(
          tx,
          candidate.launch_id,
          [{ id: candidate.id, status: 'HOLDING', held_seats: entry.held_seats }],
          'EXPIRED',
          launch,
        );
        return 1;
      }, TRANSACTION_LIMITS);
    }
    return expired;
  }

  /** Closes the waitlist of a launch that is no longer on sale, releasing held seats. */
  closeIfOffSale(launchId: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const launch = await lockLaunch(tx, launchId);
      if (launch === undefined || isOnSale(launch)) return 0;
      const open = await tx.$queryRaw<{ id: string; status: string; held_seats: number | null }[]>`
        SELECT id::text AS id, status::text AS status, held_seats FROM waitlist_entries
         WHERE launch_id = ${launchId}::uuid AND status IN ('WAITING', 'HOLDING')
           FOR UPDATE`;
      if (open.length === 0) return 0;
      await this.endEntries(tx, launchId, open, 'CLOSED', launch);
      return open.length;
    }, TRANSACTION_LIMITS);
  }

  async findById(id: string): Promise<WaitlistEntryState | undefined> {
    const [row] = await this.prisma.$queryRaw<
      {
        id: string;
        launch_id: string;
        customer_user_id: string;
        seats: number;
        held_seats: number | null;
        status: string;
        queued_at: Date;
        hold_expires_at: Date | null;
        booking_id: string | null;
      }[]
    >`
      SELECT id::text AS id, launch_id::text AS launch_id, customer_user_id, seats, held_seats,
             status::text AS status,
             queued_at, hold_expires_at, booking_id::text AS booking_id
        FROM waitlist_entries WHERE id = ${id}::uuid`;
    return row === undefined
      ? undefined
      : {
          id: row.id,
          launchId: row.launch_id,
          customerUserId: row.customer_user_id,
          seats: row.seats,
          heldSeats: row.held_seats,
          status: row.status,
          queuedAt: row.queued_at,
          holdExpiresAt: row.hold_expires_at,
          bookingId: row.booking_id,
        };
  }

  /** Ends entries of a locked launch; held seats are released (the seats-freed trigger offers them on). */
  private async endEntries(
    tx: Tx,
    launchId: string,
    entries: readonly { id: string; status: string; held_seats: number | null }[],
    status: 'LEFT' | 'EXPIRED' | 'CLOSED',
    launch: LockedLaunch,
  ): Promise<void> {
    const ids = entries.map((entry) => entry.id);
    await tx.$executeRaw`
      UPDATE waitlist_entries
         SET status = ${status}::"WaitlistStatus", held_seats = NULL, hold_expires_at = NULL,
             updated_at = now()
       WHERE id = ANY(${ids}::uuid[])`;
    const held = entries
      .filter((entry) => entry.status === 'HOLDING')
      .reduce((sum, entry) => sum + (entry.held_seats ?? 0), 0);
    let sold = launch.seats_sold;
    if (held > 0) {
      const [after] = await tx.$queryRaw<{ seats_sold: number }[]>`
        UPDATE launches SET seats_sold = seats_sold - ${held}, updated_at = now()
         WHERE id = ${launchId}::uuid
        RETURNING seats_sold`;
      sold = after?.seats_sold ?? sold - held;
    }
    for (const id of ids) {
      await recordEvent(tx, 'waitlist.updated', id, launch.seat_capacity, sold);
    }
  }
}

async function lockLaunch(tx: Tx, launchId: string): Promise<LockedLaunch | undefined> {
  const [launch] = await tx.$queryRaw<LockedLaunch[]>`
    SELECT status::text AS status, scheduled_at, seat_capacity, seats_sold
      FROM launches WHERE id = ${launchId}::uuid FOR UPDATE`;
  return launch;
}

async function launchOfEntry(tx: Tx, entryId: string): Promise<string | undefined> {
  const [row] = await tx.$queryRaw<{ launch_id: string }[]>`
    SELECT launch_id::text AS launch_id FROM waitlist_entries WHERE id = ${entryId}::uuid`;
  return row?.launch_id;
}

function isOnSale(launch: LockedLaunch): boolean {
  return ON_SALE.includes(launch.status) && launch.scheduled_at > new Date();
}

async function recordEvent(
  tx: Tx,
  type: string,
  entryId: string,
  seatCapacity: number,
  seatsSold: number,
): Promise<void> {
  await tx.$executeRaw`
    SELECT waitlist_record_event(${type}, ${entryId}::uuid, ${seatCapacity}, ${seatsSold})`;
}
