import { BookingStatus } from '@astrobookings/prisma';
import { randomUUID } from 'node:crypto';
import { AdminKit, type TestSupplier, type TestUser } from '../../../../test/support/admin-kit';
import { Caller } from '../../../../subgraphs/admin/src/common/caller';
import { WaitlistRepository } from './waitlist.repository';
import { WaitlistEventType, type WaitlistEventPayload } from './waitlist-events';

/**
 * Waitlist holds where seats are decided: the migration's triggers and this
 * repository against real PostgreSQL, with bookings placed and cancelled by the
 * Admin subgraph's own BookingService (what the sync worker calls).
 */

const HOLD_MINUTES = 30;

describe('waitlist holds (PostgreSQL)', () => {
  let kit: AdminKit;
  let supplier: TestSupplier;
  let waitlists: WaitlistRepository;

  beforeAll(async () => {
    kit = await AdminKit.start({ maxConnections: 24 });
    supplier = await kit.supplier();
    waitlists = new WaitlistRepository(kit.prisma);
  });

  afterAll(() => kit.stop());

  async function soldOut(seats: number): Promise<{ launchId: string; holders: string[] }> {
    const launchId = await kit.launch(supplier, { capacity: seats, seats });
    const holders: string[] = [];
    for (let i = 0; i < seats; i++) {
      const booking = await kit.book(await kit.customer(), launchId, 1);
      expect(booking.status).toBe(BookingStatus.CONFIRMED);
      holders.push(booking.id);
    }
    return { launchId, holders };
  }

  async function join(launchId: string, customer: TestUser, seats: number): Promise<string> {
    const id = randomUUID();
    await waitlists.join({ id, launchId, customerUserId: customer.userId, seats }, HOLD_MINUTES);
    return id;
  }

  /** The booking's customer cancels it, as the sync worker does for them. */
  async function cancel(bookingId: string) {
    const booking = await kit.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    return kit.services.bookings.cancelBooking(
      Caller.customer(booking.customerUserId),
      bookingId,
      'Plans changed',
    );
  }

  async function statusOf(entryId: string): Promise<string | undefined> {
    return (await waitlists.findById(entryId))?.status;
  }

  /** seats_sold is always what confirmed bookings and running holds take. */
  async function expectSeatsAccountedFor(launchId: string): Promise<number> {
    const [launch, confirmed, held] = await Promise.all([
      kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } }),
      kit.prisma.booking.aggregate({
        where: { launchId, status: BookingStatus.CONFIRMED },
        _sum: { seats: true },
      }),
      kit.prisma.waitlistEntry.aggregate({
        where: { launchId, status: 'HOLDING' },
        _sum: { heldSeats: true },
      }),
    ]);
    expect(launch.seatsSold).toBe((confirmed._sum.seats ?? 0) + (held._sum.heldSeats ?? 0));
    return launch.seatCapacity - launch.seatsSold;
  }

  it('holds freed seats for the first in line, and only they can book them', async () => {
    const { launchId, holders } = await soldOut(3);
    const [wantsTwo, wantsOne, other] = [
      await kit.customer(),
      await kit.customer(),
      await kit.customer(),
    ];
    const first = await join(launchId, wantsTwo, 2);
    const second = await join(launchId, wantsOne, 1);
    expect([await statusOf(first), await statusOf(second)]).toEqual(['WAITING', 'WAITING']);

    // One seat came free: the first in line holds it, though they want two.
    await cancel(holders[0]);
    expect(await waitlists.findById(first)).toMatchObject({ status: 'HOLDING', heldSeats: 1 });
    expect(await statusOf(second)).toBe('WAITING');
    expect(await expectSeatsAccountedFor(launchId)).toBe(0);

    const refused = await kit.book(other, launchId, 1);
    expect(refused).toMatchObject({ status: BookingStatus.REJECTED });
    expect(refused.rejectionReason).toMatch(/sold out/);
    const used = await kit.book(wantsTwo, launchId, 1);
    expect(used.status).toBe(BookingStatus.CONFIRMED);
    expect(await statusOf(first)).toBe('BOOKED');
    expect(await expectSeatsAccountedFor(launchId)).toBe(0);

    const events = await kit.prisma.outboxEvent.findMany({
      where: { aggregateType: 'waitlist', aggregateId: first },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => event.eventType)).toEqual([
      WaitlistEventType.Updated,
      WaitlistEventType.HoldGranted,
      WaitlistEventType.HoldUsed,
    ]);
    const granted = events[1].payload as unknown as WaitlistEventPayload;
    expect(granted.entry).toMatchObject({
      status: 'HOLDING',
      heldSeats: 1,
      customerUserId: wantsTwo.userId,
    });
    expect(granted.launch).toMatchObject({ seatsAvailable: 0 });

    // Once the first in line has booked, the next seat goes to the next in line.
    await cancel(holders[1]);
    expect(await waitlists.findById(second)).toMatchObject({ status: 'HOLDING', heldSeats: 1 });
  });

  it('passes held seats the holder does not book to the next in line', async () => {
    const { launchId, holders } = await soldOut(2);
    const [first, second] = [await kit.customer(), await kit.customer()];
    const firstEntry = await join(launchId, first, 2);
    const secondEntry = await join(launchId, second, 1);
    await cancel(holders[0]);
    expect(await waitlists.findById(firstEntry)).toMatchObject({
      status: 'HOLDING',
      heldSeats: 1,
    });
    // The first in line's hold grows before the next in line gets anything.
    await cancel(holders[1]);
    expect(await waitlists.findById(firstEntry)).toMatchObject({
      status: 'HOLDING',
      heldSeats: 2,
    });
    expect(await statusOf(secondEntry)).toBe('WAITING');

    expect((await kit.book(first, launchId, 1)).status).toBe(BookingStatus.CONFIRMED);
    expect([await statusOf(firstEntry), await statusOf(secondEntry)]).toEqual([
      'BOOKED',
      'HOLDING',
    ]);
    expect(await expectSeatsAccountedFor(launchId)).toBe(0);
  });

  it('ends holds that expire or are left, offering their seats on, and grants none off sale', async () => {
    const { launchId, holders } = await soldOut(1);
    const [first, second, third] = [
      await kit.customer(),
      await kit.customer(),
      await kit.customer(),
    ];
    const entries = [
      await join(launchId, first, 1),
      await join(launchId, second, 1),
      await join(launchId, third, 1),
    ];
    await cancel(holders[0]);
    expect(await statusOf(entries[0])).toBe('HOLDING');

    await kit.prisma.waitlistEntry.update({
      where: { id: entries[0] },
      data: { holdExpiresAt: new Date(Date.now() - 1_000) },
    });
    expect(await waitlists.expireDue(10)).toBe(1);
    expect([await statusOf(entries[0]), await statusOf(entries[1])]).toEqual([
      'EXPIRED',
      'HOLDING',
    ]);

    expect(await waitlists.leave(entries[1])).toBe('left');
    expect([await statusOf(entries[1]), await statusOf(entries[2])]).toEqual(['LEFT', 'HOLDING']);
    expect(await expectSeatsAccountedFor(launchId)).toBe(0);

    await kit.services.launches.changeStatus(supplier.caller, launchId, 'CANCELLED', 'Scrubbed');
    expect(await waitlists.closeIfOffSale(launchId)).toBe(1);
    expect(await statusOf(entries[2])).toBe('CLOSED');
    expect(await expectSeatsAccountedFor(launchId)).toBe(1);
    // Joining a launch off sale records the request, closed.
    const late = await join(launchId, await kit.customer(), 1);
    expect(await statusOf(late)).toBe('CLOSED');
  });

  it('keeps held seats for the holder while many others race for them', async () => {
    const { launchId, holders } = await soldOut(2);
    const holder = await kit.customer();
    const entry = await join(launchId, holder, 2);
    await cancel(holders[0]);
    await cancel(holders[1]);
    expect(await statusOf(entry)).toBe('HOLDING');

    const racers = await Promise.all(Array.from({ length: 20 }, () => kit.customer()));
    const [mine, ...theirs] = await Promise.all([
      kit.book(holder, launchId, 2),
      ...racers.map((racer) => kit.book(racer, launchId, 1)),
    ]);
    expect(mine.status).toBe(BookingStatus.CONFIRMED);
    expect(theirs.every((booking) => booking.status === BookingStatus.REJECTED)).toBe(true);
    expect(await statusOf(entry)).toBe('BOOKED');
    expect(await expectSeatsAccountedFor(launchId)).toBe(0);
  });

  it('keeps held seats for the holder when others come first in the same batch', async () => {
    const { launchId, holders } = await soldOut(3);
    const holder = await kit.customer();
    const entry = await join(launchId, holder, 2);
    await cancel(holders[0]);
    await cancel(holders[1]);
    await cancel(holders[2]);
    expect(await statusOf(entry)).toBe('HOLDING');

    // The sync worker places concurrent requests for one launch together; the holder's is last.
    const racers = await Promise.all(Array.from({ length: 3 }, () => kit.customer()));
    const request = (customer: TestUser, seats: number) => ({
      customerUserId: customer.userId,
      launchId,
      seats,
      idempotencyKey: randomUUID(),
    });
    const placements = await kit.services.bookings.placeBookings([
      ...racers.map((racer) => request(racer, 1)),
      request(holder, 2),
    ]);
    const statuses = placements.map((placement) =>
      'booking' in placement ? placement.booking.status : placement.refusal.message,
    );
    // The one seat nobody held goes to the first racer; the held two to their holder.
    expect(statuses).toEqual([
      BookingStatus.CONFIRMED,
      BookingStatus.REJECTED,
      BookingStatus.REJECTED,
      BookingStatus.CONFIRMED,
    ]);
    expect(await statusOf(entry)).toBe('BOOKED');
    expect(await expectSeatsAccountedFor(launchId)).toBe(0);
  });

  it('lets a customer already in line stay where they are, and rejoin at the end after leaving', async () => {
    const { launchId } = await soldOut(1);
    const [first, second] = [await kit.customer(), await kit.customer()];
    const firstEntry = await join(launchId, first, 1);
    await join(launchId, second, 1);
    const queuedAt = (await waitlists.findById(firstEntry))?.queuedAt;
    expect(
      await waitlists.join(
        { id: firstEntry, launchId, customerUserId: first.userId, seats: 1 },
        HOLD_MINUTES,
      ),
    ).toBe('unchanged');
    expect((await waitlists.findById(firstEntry))?.queuedAt).toEqual(queuedAt);

    await waitlists.leave(firstEntry);
    expect(
      await waitlists.join(
        { id: firstEntry, launchId, customerUserId: first.userId, seats: 1 },
        HOLD_MINUTES,
      ),
    ).toBe('queued');
    const again = await waitlists.findById(firstEntry);
    expect(again?.status).toBe('WAITING');
    expect(again!.queuedAt.getTime()).toBeGreaterThan(queuedAt!.getTime());
  });
});
