import {
  customerBookingModel,
  customerInvoiceModel,
  launchViewModel,
  readConfig,
  waitlistEntryModel,
} from '@astrobookings/shared';
import mongoose, { type Connection } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { AdminKit, type TestSupplier } from '../../../../test/support/admin-kit';
import { Reconciler } from '../handlers/reconciler';
import { OperationalReader } from '../operational/operational.reader';
import { BookingCopies, type BookingState } from './booking-copies';
import { InvoiceCopies } from './invoice-copies';
import { LaunchCopies, type LaunchState } from './launch-copies';
import { WaitlistCopies } from './waitlist-copies';

/**
 * The customer store's copies against FerretDB: they only move forward whatever
 * order copies arrive in, and the reconciliation sweep repairs any drift from
 * PostgreSQL (the Admin subgraph's services over a fresh database).
 */

let mongo: Connection;
let launches: LaunchCopies;
let bookings: BookingCopies;
let invoices: InvoiceCopies;
let waitlist: WaitlistCopies;

beforeAll(async () => {
  const base = new URL(readConfig('copies-test', ['customerMongo']).customerMongo.url);
  base.pathname = `/astro_customer_test_copies_${randomBytes(4).toString('hex')}`;
  mongo = await mongoose.createConnection(base.toString()).asPromise();
  launches = new LaunchCopies(launchViewModel(mongo));
  bookings = new BookingCopies(customerBookingModel(mongo));
  invoices = new InvoiceCopies(customerInvoiceModel(mongo));
  waitlist = new WaitlistCopies(waitlistEntryModel(mongo));
  await Promise.all([launches, bookings, invoices, waitlist].map((c) => c.ensureIndexes()));
});

afterAll(async () => {
  await mongo.dropDatabase();
  await mongo.close();
});

function launchState(seatsAvailable: number, overrides: Partial<LaunchState> = {}): LaunchState {
  return {
    id: overrides.id ?? randomUUID(),
    supplierId: 's1',
    rocketId: 'r1',
    mission: 'Artemis Tourist',
    destination: 'Lunar Orbit',
    scheduledAt: new Date('2031-01-01T00:00:00Z'),
    status: 'SCHEDULED',
    statusReason: null,
    pricePerSeat: 100,
    currency: 'EUR',
    seatCapacity: 10,
    seatsAvailable,
    spaceport: { id: 'p1', name: 'Kourou', location: 'French Guiana' },
    ...overrides,
  };
}

function bookingState(status: BookingState['status'], id: string = randomUUID()): BookingState {
  return {
    id,
    launchId: 'l1',
    customerUserId: 'c1',
    idempotencyKey: id,
    seats: 2,
    pricePerSeat: 100,
    totalPrice: 200,
    currency: 'EUR',
    status,
    rejectionReason: null,
    refundPercent: status === 'CANCELLED' ? 50 : null,
    refundAmount: status === 'CANCELLED' ? 100 : null,
    cancellationReason: status === 'CANCELLED' ? 'Plans changed' : null,
    cancelledAt: status === 'CANCELLED' ? new Date('2030-06-01T00:00:00Z') : null,
    createdAt: new Date('2030-05-01T00:00:00Z'),
  };
}

describe('launch copies', () => {
  it('apply events in order: one that arrives late changes nothing', async () => {
    const id = randomUUID();
    expect(await launches.apply(launchState(4, { id }), 5, new Date())).toBe(true);
    expect(await launches.apply(launchState(9, { id }), 3, new Date())).toBe(false);
    expect(await launches.apply(launchState(4, { id }), 5, new Date())).toBe(false);
    const copy = await launchViewModel(mongo).findById(id).lean().exec();
    expect(copy).toMatchObject({ seatsAvailable: 4, version: 5, destinationKey: 'lunar orbit' });
  });

  it('end at the newest of a burst of concurrent copies', async () => {
    const id = randomUUID();
    const versions = Array.from({ length: 40 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(
      versions.map((version) =>
        launches.apply(launchState(40 - version, { id }), version, new Date()),
      ),
    );
    const copy = await launchViewModel(mongo).findById(id).lean().exec();
    expect(copy).toMatchObject({ version: 40, seatsAvailable: 0 });
  });
});

describe('booking copies', () => {
  it('only move a booking forward, and add one placed another way', async () => {
    const cancelled = bookingState('CANCELLED');
    expect(await bookings.apply(cancelled, new Date())).toBe(true);
    // A fresh process (no memory of what it copied) gets the confirmation late.
    const late = new BookingCopies(customerBookingModel(mongo));
    expect(
      await late.apply({ ...cancelled, ...bookingState('CONFIRMED', cancelled.id) }, new Date()),
    ).toBe(false);
    const copy = await customerBookingModel(mongo).findById(cancelled.id).lean().exec();
    expect(copy).toMatchObject({ status: 'CANCELLED', refundAmount: 100, customerUserId: 'c1' });
  });

  it('reject an undecided request only while it is undecided', async () => {
    const confirmed = bookingState('CONFIRMED');
    await bookings.apply(confirmed, new Date());
    expect(await bookings.rejectUndecided(confirmed.id, 'No such launch', new Date())).toBe(false);
    expect((await bookings.findRequest(confirmed.id))?.status).toBe('CONFIRMED');
  });
});

describe('reconciliation', () => {
  let kit: AdminKit;
  let supplier: TestSupplier;
  let reconciler: Reconciler;

  beforeAll(async () => {
    kit = await AdminKit.start();
    supplier = await kit.supplier();
    reconciler = new Reconciler(
      new OperationalReader(kit.prisma),
      launches,
      new BookingCopies(customerBookingModel(mongo)),
      invoices,
      waitlist,
      () => new Date(),
    );
  });

  afterAll(() => kit.stop());

  it('adds what the customer store lacks and repairs what drifted, then finds nothing to do', async () => {
    const launchId = await kit.launch(supplier, { capacity: 6 });
    const booking = await kit.book(await kit.customer(), launchId, 2);

    const first = await reconciler.sweep();
    expect(first.launch.repaired).toBeGreaterThanOrEqual(1);
    expect(first.booking.repaired).toBeGreaterThanOrEqual(1);
    expect(first.invoice.repaired).toBeGreaterThanOrEqual(1);
    const copy = await launchViewModel(mongo).findById(launchId).lean().exec();
    expect(copy).toMatchObject({ seatsAvailable: 4, status: 'SCHEDULED' });
    expect(copy?.rocketName).toMatch(/^Rocket /);

    // Drift: a lost event, a write that raced, a hand edit.
    await launchViewModel(mongo)
      .updateOne({ _id: launchId }, { $set: { seatsAvailable: 6 } })
      .exec();
    await customerBookingModel(mongo)
      .updateOne({ _id: booking.id }, { $set: { status: 'PENDING', statusRank: 0 } })
      .exec();
    const second = await reconciler.sweep();
    expect(second.launch.repaired).toBe(1);
    expect(second.booking.repaired).toBe(1);
    expect(await launchViewModel(mongo).findById(launchId).lean().exec()).toMatchObject({
      seatsAvailable: 4,
    });
    expect(await customerBookingModel(mongo).findById(booking.id).lean().exec()).toMatchObject({
      status: 'CONFIRMED',
      totalPrice: booking.totalPrice,
    });

    const third = await reconciler.sweep();
    expect(Object.values(third).every((kind) => kind.repaired === 0)).toBe(true);
  });
});
