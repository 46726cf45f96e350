import { BookingStatus, InvoiceKind, InvoiceStatus, OutboxEventType } from '@astrobookings/prisma';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  withCorrelationId,
} from '@astrobookings/shared';
import { randomUUID } from 'node:crypto';
import { AdminKit, inDays, type TestSupplier } from '../../../../test/support/admin-kit';
import { Caller } from '../common/caller';

describe('BookingService (PostgreSQL)', () => {
  let kit: AdminKit;
  let supplier: TestSupplier;

  beforeAll(async () => {
    kit = await AdminKit.start({ maxConnections: 12 });
    supplier = await kit.supplier();
  });

  afterAll(() => kit.stop());

  describe('placing', () => {
    it('confirms 1 to 4 seats at the launch price, with the customer invoice, audit row and outbox event', async () => {
      const launchId = await kit.launch(supplier, { pricePerSeat: 250_000 });
      const customer = await kit.customer();
      const correlationId = randomUUID();

      const booking = await withCorrelationId(correlationId, () => kit.book(customer, launchId, 4));

      expect(booking).toMatchObject({
        status: BookingStatus.CONFIRMED,
        seats: 4,
        pricePerSeat: 250_000,
        totalPrice: 1_000_000,
        currency: 'USD',
        customerUserId: customer.userId,
        rejectionReason: null,
      });
      const launch = await kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } });
      expect(launch.seatsSold).toBe(4);
      const invoice = await kit.prisma.invoice.findUniqueOrThrow({
        where: { bookingId: booking.id },
      });
      expect(invoice).toMatchObject({
        kind: InvoiceKind.CUSTOMER,
        status: InvoiceStatus.ISSUED,
        amount: 1_000_000,
        customerUserId: customer.userId,
      });
      expect(invoice.number).toMatch(/^C-\d{4}-\d{6}$/);

      const { audit, outbox } = await kit.journal();
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'booking.confirmed',
          entityType: 'booking',
          entityId: booking.id,
          actorUserId: customer.userId,
          actorRoles: ['CUSTOMER'],
          before: null,
          after: expect.objectContaining({
            id: booking.id,
            status: 'CONFIRMED',
            seats: 4,
          }) as unknown,
          correlationId,
        }),
      );
      // The booking's event, then its invoice's, in the order they were recorded.
      const mine = outbox.filter((row) => row.correlationId === correlationId);
      expect(mine.map((row) => row.eventType)).toEqual([
        OutboxEventType.BookingConfirmed,
        OutboxEventType.InvoiceIssued,
      ]);
      const event = mine[0];
      expect(event?.correlationId).toBe(correlationId);
      expect(event?.payload).toMatchObject({
        booking: { id: booking.id, status: 'CONFIRMED', seats: 4 },
        launch: { id: launchId, seatsAvailable: 6, seatsSold: 4 },
      });
    });

    it.each([0, 5, 1.5])('refuses %s seats', async (seats) => {
      const launchId = await kit.launch(supplier);
      const customer = await kit.customer();
      await expect(kit.book(customer, launchId, seats)).rejects.toThrow(BadUserInputError);
    });

    it('keeps the price of the moment of booking', async () => {
      const launchId = await kit.launch(supplier, { pricePerSeat: 100_000 });
      const booking = await kit.book(await kit.customer(), launchId, 2);
      await kit.prisma.launch.update({ where: { id: launchId }, data: { pricePerSeat: 999_999 } });

      const later = await kit.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
      expect(later).toMatchObject({ pricePerSeat: 100_000, totalPrice: 200_000 });
    });

    it('answers the same booking for the same idempotency key and never books twice', async () => {
      const launchId = await kit.launch(supplier);
      const customer = await kit.customer();
      const key = randomUUID();

      const first = await kit.book(customer, launchId, 2, key);
      const again = await kit.book(customer, launchId, 2, key);
      const concurrent = await Promise.all(
        Array.from({ length: 5 }, () => kit.book(customer, launchId, 2, key)),
      );

      expect(again.id).toBe(first.id);
      expect(new Set(concurrent.map((booking) => booking.id))).toEqual(new Set([first.id]));
      const launch = await kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } });
      expect(launch.seatsSold).toBe(2);
      expect(await kit.prisma.booking.count({ where: { launchId } })).toBe(1);
    });

    it('answers concurrent first uses of one key with one booking', async () => {
      const launchId = await kit.launch(supplier);
      const customer = await kit.customer();
      const key = randomUUID();

      const bookings = await Promise.all(
        Array.from({ length: 8 }, () => kit.book(customer, launchId, 1, key)),
      );

      expect(new Set(bookings.map((booking) => booking.id)).size).toBe(1);
      expect(await kit.prisma.booking.count({ where: { launchId } })).toBe(1);
    });

    it('refuses a key already used for other seats or another launch', async () => {
      const launchId = await kit.launch(supplier);
      const customer = await kit.customer();
      const key = randomUUID();
      await kit.book(customer, launchId, 1, key);

      await expect(kit.book(customer, launchId, 2, key)).rejects.toThrow(ConflictError);
      await expect(kit.book(customer, await kit.launch(supplier), 1, key)).rejects.toThrow(
        ConflictError,
      );
      // Another customer's key is theirs alone.
      const other = await kit.book(await kit.customer(), launchId, 1, key);
      expect(other.status).toBe(BookingStatus.CONFIRMED);
    });

    it('rejects, with the reason, more seats than are left', async () => {
      const launchId = await kit.launch(supplier, { capacity: 3 });
      await kit.book(await kit.customer(), launchId, 2);

      const rejected = await kit.book(await kit.customer(), launchId, 2);
      expect(rejected).toMatchObject({
        status: BookingStatus.REJECTED,
        rejectionReason: 'Only 1 seat left, 2 requested',
      });
      await kit.book(await kit.customer(), launchId, 1);
      const soldOut = await kit.book(await kit.customer(), launchId, 1);
      expect(soldOut.rejectionReason).toBe('The launch is sold out');
      expect(await kit.prisma.invoice.count({ where: { bookingId: rejected.id } })).toBe(0);
      const { outbox } = await kit.journal();
      expect(outbox).toContainEqual(
        expect.objectContaining({
          aggregateId: rejected.id,
          eventType: OutboxEventType.BookingRejected,
        }),
      );
    });

    it('rejects seats on a launch that is no longer on sale or has departed', async () => {
      const cancelled = await kit.launch(supplier);
      await kit.forceLaunch(cancelled, { status: 'CANCELLED' });
      const departed = await kit.launch(supplier);
      await kit.forceLaunch(departed, { scheduledAt: inDays(-1) });

      expect(await kit.book(await kit.customer(), cancelled, 1)).toMatchObject({
        status: BookingStatus.REJECTED,
        rejectionReason: 'The launch is cancelled',
      });
      expect(await kit.book(await kit.customer(), departed, 1)).toMatchObject({
        status: BookingStatus.REJECTED,
        rejectionReason: 'The launch has already departed',
      });
      const seats = await kit.prisma.launch.findMany({
        where: { id: { in: [cancelled, departed] } },
        select: { seatsSold: true },
      });
      expect(seats).toEqual([{ seatsSold: 0 }, { seatsSold: 0 }]);
    });

    it('answers NOT_FOUND for a launch that does not exist', async () => {
      const customer = await kit.customer();
      await expect(kit.book(customer, randomUUID(), 1)).rejects.toThrow(NotFoundError);
      await expect(kit.book(customer, 'not-an-id', 1)).rejects.toThrow(NotFoundError);
    });

    it('never sells more seats than the launch has, however many book at once', async () => {
      const capacity = 10;
      const launchId = await kit.launch(supplier, { capacity });
      const customers = await Promise.all(Array.from({ length: 30 }, () => kit.customer()));

      const bookings = await Promise.all(
        customers.map((customer, index) => kit.book(customer, launchId, (index % 4) + 1)),
      );

      const confirmed = bookings.filter((booking) => booking.status === BookingStatus.CONFIRMED);
      const seatsConfirmed = confirmed.reduce((sum, booking) => sum + booking.seats, 0);
      const launch = await kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } });
      expect(seatsConfirmed).toBeLessThanOrEqual(capacity);
      expect(launch.seatsSold).toBe(seatsConfirmed);
      // Everyone was answered, and seats ran out rather than being left unsold by mistake.
      expect(bookings.every((booking) => booking.status !== BookingStatus.PENDING)).toBe(true);
      expect(capacity - seatsConfirmed).toBeLessThan(4);
      expect(
        await kit.prisma.invoice.count({
          where: { bookingId: { in: confirmed.map((booking) => booking.id) } },
        }),
      ).toBe(confirmed.length);
      process.stdout.write(
        `concurrent booking: 30 requests for ${capacity} seats → ${confirmed.length} confirmed (${seatsConfirmed} seats), ${bookings.length - confirmed.length} rejected\n`,
      );
    });

    it('decides a batch in one go: first come first served, each answered as if alone', async () => {
      const launchId = await kit.launch(supplier, { capacity: 5 });
      const other = await kit.launch(supplier);
      const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => kit.customer()));
      const repeatKey = randomUUID();
      const first = await kit.book(d, launchId, 1, repeatKey);
      const request = (
        customer: typeof a,
        seats: number,
        key = randomUUID(),
        launch = launchId,
      ) => ({
        customerUserId: customer.userId,
        launchId: launch,
        seats,
        idempotencyKey: key,
      });
      const twice = randomUUID();

      const placements = await kit.services.bookings.placeBookings([
        request(a, 3),
        request(b, 2),
        request(c, 1),
        request(c, 1, twice),
        request(c, 1, twice),
        request(a, 9),
        request(d, 1, repeatKey),
        request(d, 2, repeatKey),
        request(a, 1, randomUUID(), other),
        request(b, 1, randomUUID(), randomUUID()),
      ]);

      const outcome = (index: number) => {
        const placement = placements[index];
        return 'booking' in placement
          ? { status: placement.booking.status, reason: placement.booking.rejectionReason }
          : { refusal: placement.refusal.constructor.name };
      };
      // 1 seat was sold before: 3 fit, then 1 is left.
      expect(outcome(0)).toEqual({ status: BookingStatus.CONFIRMED, reason: null });
      expect(outcome(1)).toEqual({
        status: BookingStatus.REJECTED,
        reason: 'Only 1 seat left, 2 requested',
      });
      expect(outcome(2)).toEqual({ status: BookingStatus.CONFIRMED, reason: null });
      expect(outcome(3)).toEqual({
        status: BookingStatus.REJECTED,
        reason: 'The launch is sold out',
      });
      const byKey = placements.map((placement) => 'booking' in placement && placement.booking.id);
      expect(byKey[4]).toBe(byKey[3]);
      expect(outcome(5)).toEqual({ refusal: 'BadUserInputError' });
      expect('booking' in placements[6] && placements[6].booking.id).toBe(first.id);
      expect(outcome(7)).toEqual({ refusal: 'ConflictError' });
      expect(outcome(8)).toEqual({ status: BookingStatus.CONFIRMED, reason: null });
      expect(outcome(9)).toEqual({ refusal: 'NotFoundError' });

      const launch = await kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } });
      expect(launch.seatsSold).toBe(5);
      expect(await kit.prisma.booking.count({ where: { launchId } })).toBe(5);
      const confirmedIds = [0, 2].map((index) => byKey[index] as string);
      const invoices = await kit.prisma.invoice.findMany({
        where: { bookingId: { in: confirmedIds } },
        orderBy: { sequence: 'asc' },
      });
      expect(invoices.map((invoice) => invoice.bookingId)).toEqual(confirmedIds);
      expect(invoices[1].sequence).toBe(invoices[0].sequence + 1);
      const { outbox } = await kit.journal();
      for (const index of [0, 1, 2, 3]) {
        expect(outbox.filter((row) => row.aggregateId === byKey[index])).toHaveLength(1);
      }
    });

    it('is stopped by the database itself if code ever tried to oversell', async () => {
      const launchId = await kit.launch(supplier, { capacity: 2 });
      await expect(
        kit.prisma.launch.update({ where: { id: launchId }, data: { seatsSold: 3 } }),
      ).rejects.toThrow(/launches_seats_sold_check/);
    });
  });

  describe('cancelling', () => {
    async function confirmedBooking(daysAhead: number, seats = 2) {
      const launchId = await kit.launch(supplier, {
        pricePerSeat: 12_345,
        scheduledAt: inDays(daysAhead),
      });
      const customer = await kit.customer();
      const booking = await kit.book(customer, launchId, seats);
      return { launchId, customer, booking };
    }

    it('refunds in full 30 days or more ahead, voids the unpaid invoice and frees the seats', async () => {
      const { launchId, booking } = await confirmedBooking(45);
      const employee = await kit.employee();

      const cancelled = await kit.services.bookings.cancelBooking(
        employee.caller,
        booking.id,
        'Customer asked',
      );

      expect(cancelled).toMatchObject({
        status: BookingStatus.CANCELLED,
        refundPercent: 100,
        refundAmount: 24_690,
        cancellationReason: 'Customer asked',
        cancelledBy: employee.userId,
      });
      const launch = await kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } });
      expect(launch.seatsSold).toBe(0);
      const invoice = await kit.prisma.invoice.findUniqueOrThrow({
        where: { bookingId: booking.id },
      });
      expect(invoice).toMatchObject({ status: InvoiceStatus.VOID, processedBy: employee.userId });
      const { outbox } = await kit.journal();
      expect(outbox).toContainEqual(
        expect.objectContaining({
          aggregateId: booking.id,
          eventType: OutboxEventType.BookingCancelled,
        }),
      );
    });

    it('refunds half 7 to 30 days ahead, with a credit note', async () => {
      const { booking } = await confirmedBooking(10);
      const employee = await kit.employee();

      const cancelled = await kit.services.bookings.cancelBooking(
        employee.caller,
        booking.id,
        'Changed plans',
      );

      expect(cancelled).toMatchObject({ refundPercent: 50, refundAmount: 12_345 });
      const invoice = await kit.prisma.invoice.findUniqueOrThrow({
        where: { bookingId: booking.id },
      });
      expect(invoice.status).toBe(InvoiceStatus.ISSUED);
      const creditNote = await kit.prisma.invoice.findUniqueOrThrow({
        where: { creditedInvoiceId: invoice.id },
      });
      expect(creditNote).toMatchObject({
        kind: InvoiceKind.CUSTOMER,
        amount: -12_345,
        status: InvoiceStatus.ISSUED,
        customerUserId: booking.customerUserId,
      });
    });

    it('refunds nothing less than 7 days ahead, and leaves the invoice', async () => {
      const { booking } = await confirmedBooking(3);
      const cancelled = await kit.services.bookings.cancelBooking(
        (await kit.employee()).caller,
        booking.id,
        'No show',
      );

      expect(cancelled).toMatchObject({ refundPercent: 0, refundAmount: 0 });
      const invoices = await kit.prisma.invoice.findMany({
        where: { OR: [{ bookingId: booking.id }, { creditedInvoice: { bookingId: booking.id } }] },
      });
      expect(invoices).toEqual([
        expect.objectContaining({ status: InvoiceStatus.ISSUED, amount: 24_690 }),
      ]);
    });

    it('credits a paid invoice in full instead of voiding it', async () => {
      const { booking } = await confirmedBooking(60);
      const employee = await kit.employee();
      const invoice = await kit.prisma.invoice.findUniqueOrThrow({
        where: { bookingId: booking.id },
      });
      await kit.services.invoices.markPaid(employee.caller, invoice.id);

      await kit.services.bookings.cancelBooking(employee.caller, booking.id, 'Refund');

      const creditNote = await kit.prisma.invoice.findUniqueOrThrow({
        where: { creditedInvoiceId: invoice.id },
      });
      expect(creditNote.amount).toBe(-24_690);
      expect(
        (await kit.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status,
      ).toBe(InvoiceStatus.PAID);
    });

    it('lets a customer cancel their own booking, not anyone else', async () => {
      const { booking, customer } = await confirmedBooking(40);
      const stranger = await kit.customer();

      await expect(
        kit.services.bookings.cancelBooking(stranger.caller, booking.id, 'Not mine'),
      ).rejects.toThrow(ForbiddenError);
      const cancelled = await kit.services.bookings.cancelBooking(
        Caller.customer(customer.userId),
        booking.id,
        'Mine',
      );
      expect(cancelled.cancelledBy).toBe(customer.userId);
    });

    it('refuses to cancel twice, after departure, or without a reason', async () => {
      const employee = await kit.employee();
      const { booking } = await confirmedBooking(40);
      await expect(
        kit.services.bookings.cancelBooking(employee.caller, booking.id, '  '),
      ).rejects.toThrow(BadUserInputError);
      await kit.services.bookings.cancelBooking(employee.caller, booking.id, 'Once');
      await expect(
        kit.services.bookings.cancelBooking(employee.caller, booking.id, 'Twice'),
      ).rejects.toThrow(ConflictError);

      const launched = await confirmedBooking(40);
      await kit.forceLaunch(launched.launchId, { status: 'LAUNCHED' });
      await expect(
        kit.services.bookings.cancelBooking(employee.caller, launched.booking.id, 'Too late'),
      ).rejects.toThrow(ConflictError);
      await expect(
        kit.services.bookings.cancelBooking(employee.caller, randomUUID(), 'Nothing'),
      ).rejects.toThrow(NotFoundError);
    });

    it('never frees more seats than were sold when cancellations race', async () => {
      const { launchId, booking } = await confirmedBooking(40, 3);
      const employee = await kit.employee();

      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          kit.services.bookings.cancelBooking(employee.caller, booking.id, 'Race'),
        ),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const launch = await kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } });
      expect(launch.seatsSold).toBe(0);
    });
  });
});
