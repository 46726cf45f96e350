import {
  BookingStatus,
  InvoiceKind,
  InvoiceStatus,
  LaunchStatus,
  OutboxEventType,
} from '@astrobookings/prisma';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  Role,
} from '@astrobookings/shared';
import { randomUUID } from 'node:crypto';
import { AdminKit, inDays, type TestSupplier } from '../../../../test/support/admin-kit';

describe('LaunchService (PostgreSQL)', () => {
  let kit: AdminKit;
  let supplier: TestSupplier;
  let spaceportId: string;

  beforeAll(async () => {
    kit = await AdminKit.start({ commissionPercent: 10 });
    supplier = await kit.supplier();
    spaceportId = await kit.spaceport();
  });

  afterAll(() => kit.stop());

  function scheduleInput(rocketId: string, overrides: Record<string, unknown> = {}) {
    return {
      rocketId,
      spaceportId,
      mission: 'Artemis Tourist I',
      destination: 'Lunar flyby',
      scheduledAt: inDays(90),
      pricePerSeat: 5_000_000,
      currency: 'USD',
      ...overrides,
    };
  }

  describe('scheduling', () => {
    it("offers all the rocket's seats unless fewer are given, and records the event", async () => {
      const rocketId = await kit.rocket(supplier, 6);

      const full = await kit.services.launches.schedule(supplier.caller, scheduleInput(rocketId));
      const fewer = await kit.services.launches.schedule(
        supplier.caller,
        scheduleInput(rocketId, { seats: 4 }),
      );

      expect(full).toMatchObject({
        status: LaunchStatus.SCHEDULED,
        seatCapacity: 6,
        seatsSold: 0,
        supplierId: supplier.supplierId,
      });
      expect(fewer.seatCapacity).toBe(4);
      const { outbox, audit } = await kit.journal();
      expect(outbox).toContainEqual(
        expect.objectContaining({
          eventType: OutboxEventType.LaunchScheduled,
          aggregateId: full.id,
          payload: expect.objectContaining({
            launch: expect.objectContaining({ seatsAvailable: 6, status: 'SCHEDULED' }) as unknown,
          }) as unknown,
        }),
      );
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'launch.scheduled',
          entityId: full.id,
          actorUserId: supplier.userId,
        }),
      );
    });

    it('refuses more seats than the rocket has, a time in the past, and unknown places', async () => {
      const rocketId = await kit.rocket(supplier, 6);
      await expect(
        kit.services.launches.schedule(supplier.caller, scheduleInput(rocketId, { seats: 7 })),
      ).rejects.toThrow(BadUserInputError);
      await expect(
        kit.services.launches.schedule(
          supplier.caller,
          scheduleInput(rocketId, { scheduledAt: inDays(-1) }),
        ),
      ).rejects.toThrow(BadUserInputError);
      await expect(
        kit.services.launches.schedule(supplier.caller, scheduleInput(randomUUID())),
      ).rejects.toThrow(NotFoundError);
      await expect(
        kit.services.launches.schedule(
          supplier.caller,
          scheduleInput(rocketId, { spaceportId: randomUUID() }),
        ),
      ).rejects.toThrow(NotFoundError);
    });

    it("refuses another supplier's rocket", async () => {
      const other = await kit.supplier();
      const theirs = await kit.rocket(other);
      await expect(
        kit.services.launches.schedule(supplier.caller, scheduleInput(theirs)),
      ).rejects.toThrow(ForbiddenError);
    });

    it('refuses a user no employee onboarded as a supplier', async () => {
      const stranger = await kit.user([Role.SUPPLIER]);
      await expect(
        kit.services.launches.schedule(stranger.caller, scheduleInput(await kit.rocket(supplier))),
      ).rejects.toThrow(ForbiddenError);
    });
  });

  describe('lifecycle', () => {
    it('goes SCHEDULED → DELAYED → LAUNCHED → SUCCESSFUL and bills the supplier net of commission', async () => {
      const launchId = await kit.launch(supplier, { pricePerSeat: 100_000, capacity: 8 });
      await kit.book(await kit.customer(), launchId, 3);
      await kit.book(await kit.customer(), launchId, 2);
      const cancelled = await kit.book(await kit.customer(), launchId, 1);
      await kit.services.bookings.cancelBooking(
        (await kit.employee()).caller,
        cancelled.id,
        'Changed plans',
      );
      const launch = await kit.prisma.launch.findUniqueOrThrow({ where: { id: launchId } });

      const delayed = await kit.services.launches.delay(
        supplier.caller,
        launchId,
        new Date(launch.scheduledAt.getTime() + 86_400_000),
        'Weather',
      );
      expect(delayed).toMatchObject({ status: LaunchStatus.DELAYED, statusReason: 'Weather' });
      const employee = await kit.employee();
      await kit.services.launches.changeStatus(
        employee.caller,
        launchId,
        LaunchStatus.LAUNCHED,
        undefined,
      );
      const done = await kit.services.launches.changeStatus(
        supplier.caller,
        launchId,
        LaunchStatus.SUCCESSFUL,
        undefined,
      );

      expect(done.status).toBe(LaunchStatus.SUCCESSFUL);
      const invoice = await kit.prisma.invoice.findUniqueOrThrow({ where: { launchId } });
      expect(invoice).toMatchObject({
        kind: InvoiceKind.SUPPLIER,
        status: InvoiceStatus.ISSUED,
        supplierId: supplier.supplierId,
        grossAmount: 500_000,
        commissionPercent: 10,
        commissionAmount: 50_000,
        amount: 450_000,
        currency: 'USD',
      });
      expect(invoice.number).toMatch(/^S-\d{4}-\d{6}$/);
      const { outbox } = await kit.journal();
      const events = outbox
        .filter((row) => row.aggregateId === launchId)
        .map((row) => row.eventType);
      expect(events).toEqual([
        OutboxEventType.LaunchScheduled,
        OutboxEventType.LaunchDelayed,
        OutboxEventType.LaunchStatusChanged,
        OutboxEventType.LaunchStatusChanged,
      ]);
    });

    const refused: [LaunchStatus[], LaunchStatus][] = [
      [[], LaunchStatus.SUCCESSFUL],
      [[], LaunchStatus.FAILED],
      [[LaunchStatus.LAUNCHED], LaunchStatus.CANCELLED],
      [[LaunchStatus.LAUNCHED], LaunchStatus.ABORTED],
      [[LaunchStatus.LAUNCHED, LaunchStatus.FAILED], LaunchStatus.SUCCESSFUL],
      [[LaunchStatus.CANCELLED], LaunchStatus.LAUNCHED],
      [[LaunchStatus.ABORTED], LaunchStatus.SCHEDULED],
      [[LaunchStatus.LAUNCHED, LaunchStatus.SUCCESSFUL], LaunchStatus.FAILED],
    ];

    it.each(refused)('after %j refuses → %s as CONFLICT', async (path, to) => {
      const launchId = await kit.launch(supplier);
      const employee = await kit.employee();
      for (const status of path) {
        await kit.services.launches.changeStatus(employee.caller, launchId, status, 'step');
      }
      await expect(
        kit.services.launches.changeStatus(employee.caller, launchId, to, 'no'),
      ).rejects.toThrow(ConflictError);
    });

    it('delays only to a later time, and only before departure', async () => {
      const launchId = await kit.launch(supplier, { scheduledAt: inDays(20) });
      await expect(
        kit.services.launches.delay(supplier.caller, launchId, inDays(10), 'Earlier?'),
      ).rejects.toThrow(BadUserInputError);
      await expect(
        kit.services.launches.changeStatus(
          supplier.caller,
          launchId,
          LaunchStatus.DELAYED,
          'No time given',
        ),
      ).rejects.toThrow(BadUserInputError);
      await kit.services.launches.changeStatus(
        supplier.caller,
        launchId,
        LaunchStatus.LAUNCHED,
        undefined,
      );
      await expect(
        kit.services.launches.delay(supplier.caller, launchId, inDays(30), 'Too late'),
      ).rejects.toThrow(ConflictError);
    });

    it("lets neither another supplier nor a customer run a supplier's launch", async () => {
      const launchId = await kit.launch(supplier);
      const other = await kit.supplier();
      await expect(
        kit.services.launches.changeStatus(other.caller, launchId, LaunchStatus.CANCELLED, 'x'),
      ).rejects.toThrow(ForbiddenError);
      await expect(
        kit.services.launches.delay(other.caller, launchId, inDays(100), 'x'),
      ).rejects.toThrow(ForbiddenError);
      await expect(
        kit.services.launches.changeStatus(
          (await kit.customer()).caller,
          launchId,
          LaunchStatus.CANCELLED,
          'x',
        ),
      ).rejects.toThrow(ForbiddenError);
    });

    it.each([LaunchStatus.CANCELLED, LaunchStatus.ABORTED])(
      'when %s, cancels every booking with a full refund, whatever the time left, and the invoices follow',
      async (status) => {
        const launchId = await kit.launch(supplier, {
          scheduledAt: inDays(3),
          pricePerSeat: 7_000,
        });
        const unpaid = await kit.book(await kit.customer(), launchId, 2);
        const paid = await kit.book(await kit.customer(), launchId, 1);
        const employee = await kit.employee();
        const paidInvoice = await kit.prisma.invoice.findUniqueOrThrow({
          where: { bookingId: paid.id },
        });
        await kit.services.invoices.markPaid(employee.caller, paidInvoice.id);

        const calledOff = await kit.services.launches.changeStatus(
          supplier.caller,
          launchId,
          status,
          'Engine fault',
        );

        expect(calledOff).toMatchObject({ status, seatsSold: 0, statusReason: 'Engine fault' });
        const bookings = await kit.prisma.booking.findMany({ where: { launchId } });
        expect(bookings).toHaveLength(2);
        for (const booking of bookings) {
          expect(booking).toMatchObject({
            status: BookingStatus.CANCELLED,
            refundPercent: 100,
            refundAmount: booking.totalPrice,
            cancellationReason: 'Engine fault',
            cancelledBy: null,
          });
        }
        const unpaidInvoice = await kit.prisma.invoice.findUniqueOrThrow({
          where: { bookingId: unpaid.id },
        });
        expect(unpaidInvoice.status).toBe(InvoiceStatus.VOID);
        const creditNote = await kit.prisma.invoice.findUniqueOrThrow({
          where: { creditedInvoiceId: paidInvoice.id },
        });
        expect(creditNote.amount).toBe(-7_000);
        const { outbox } = await kit.journal();
        const cancellations = outbox.filter(
          (row) =>
            row.eventType === String(OutboxEventType.BookingCancelled) &&
            [unpaid.id, paid.id].includes(row.aggregateId),
        );
        expect(cancellations).toHaveLength(2);
        expect(await kit.prisma.invoice.count({ where: { launchId } })).toBe(0);
      },
    );

    it('lets one of two racing status changes win', async () => {
      const launchId = await kit.launch(supplier);
      const employee = await kit.employee();
      const outcomes = await Promise.allSettled([
        kit.services.launches.changeStatus(employee.caller, launchId, LaunchStatus.LAUNCHED, 'go'),
        kit.services.launches.changeStatus(
          supplier.caller,
          launchId,
          LaunchStatus.CANCELLED,
          'stop',
        ),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    });
  });

  describe('reports', () => {
    it('sums occupancy and revenue per launch and per supplier', async () => {
      const own = await kit.supplier();
      const first = await kit.launch(own, { capacity: 4, pricePerSeat: 1_000 });
      const second = await kit.launch(own, { capacity: 6, pricePerSeat: 2_000 });
      await kit.book(await kit.customer(), first, 3);
      const refunded = await kit.book(await kit.customer(), second, 2);
      await kit.services.bookings.cancelBooking(
        (await kit.employee()).caller,
        refunded.id,
        'Changed plans',
      ); // 60 days ahead: refunded in full

      const perLaunch = await kit.services.reports.perLaunch(own.caller, undefined);
      expect(perLaunch).toEqual([
        expect.objectContaining({
          launchId: first,
          seatCapacity: 4,
          seatsSold: 3,
          occupancyPercent: 75,
          confirmedBookings: 1,
          revenue: 3_000,
          refunded: 0,
        }),
        expect.objectContaining({
          launchId: second,
          seatsSold: 0,
          occupancyPercent: 0,
          revenue: 0,
          refunded: 4_000,
        }),
      ]);
      const [perSupplier] = await kit.services.reports.perSupplier(own.caller, undefined);
      expect(perSupplier).toEqual({
        supplierId: own.supplierId,
        launches: 2,
        seatCapacity: 10,
        seatsSold: 3,
        occupancyPercent: 30,
        revenue: [{ currency: 'USD', amount: 3_000 }],
      });
      await expect(kit.services.reports.perLaunch(own.caller, supplier.supplierId)).rejects.toThrow(
        ForbiddenError,
      );
      const all = await kit.services.reports.perSupplier((await kit.employee()).caller, undefined);
      expect(all.map((row) => row.supplierId)).toEqual(
        expect.arrayContaining([own.supplierId, supplier.supplierId]),
      );
    });
  });
});
