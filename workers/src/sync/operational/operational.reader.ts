import type { PrismaClient } from '@astrobookings/prisma';

/** A launch with what the read model and emails show of it. */
export interface LaunchRecord {
  id: string;
  supplierId: string;
  rocketId: string;
  rocketName: string;
  mission: string;
  destination: string;
  scheduledAt: Date;
  status: string;
  statusReason: string | null;
  pricePerSeat: number;
  currency: string;
  seatCapacity: number;
  seatsSold: number;
  spaceport: { id: string; name: string; location: string };
}

export interface BookingRecord {
  id: string;
  launchId: string;
  customerUserId: string;
  idempotencyKey: string;
  seats: number;
  pricePerSeat: number;
  totalPrice: number;
  currency: string;
  status: string;
  rejectionReason: string | null;
  refundPercent: number | null;
  refundAmount: number | null;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

export interface CustomerInvoiceRecord {
  id: string;
  customerUserId: string;
  number: string;
  amount: number;
  currency: string;
  status: string;
  bookingId: string | null;
  creditedInvoiceId: string | null;
  issuedAt: Date;
  paidAt: Date | null;
  voidedAt: Date | null;
}

export interface WaitlistRecord {
  id: string;
  status: string;
  seats: number;
  heldSeats: number | null;
  queuedAt: Date;
  holdExpiresAt: Date | null;
  bookingId: string | null;
}

const LAUNCH_COLUMNS = {
  select: {
    id: true,
    supplierId: true,
    rocketId: true,
    mission: true,
    destination: true,
    scheduledAt: true,
    status: true,
    statusReason: true,
    pricePerSeat: true,
    currency: true,
    seatCapacity: true,
    seatsSold: true,
    rocket: { select: { name: true } },
    spaceport: { select: { id: true, name: true, location: true } },
  },
} as const;

const BOOKING_COLUMNS = {
  id: true,
  launchId: true,
  customerUserId: true,
  idempotencyKey: true,
  seats: true,
  pricePerSeat: true,
  totalPrice: true,
  currency: true,
  status: true,
  rejectionReason: true,
  refundPercent: true,
  refundAmount: true,
  cancellationReason: true,
  cancelledAt: true,
  createdAt: true,
} as const;

/**
 * What the sync worker reads from the operational PostgreSQL beyond the outbox:
 * what an email needs besides the event, and pages of the system of record for
 * the reconciliation sweep. Read-only.
 */
export class OperationalReader {
  constructor(private readonly prisma: PrismaClient) {}

  async launch(id: string): Promise<LaunchRecord | undefined> {
    const [launch] = await this.launchesWhere({ id }, 1);
    return launch;
  }

  /** Launches by id, `limit` of them after `afterId`. */
  launchPage(afterId: string | undefined, limit: number): Promise<LaunchRecord[]> {
    return this.launchesWhere(afterId === undefined ? {} : { id: { gt: afterId } }, limit);
  }

  async rocketName(rocketId: string): Promise<string | undefined> {
    const rocket = await this.prisma.rocket.findUnique({
      where: { id: rocketId },
      select: { name: true },
    });
    return rocket?.name;
  }

  /** The Auth user who runs a supplier, and the supplier's name. */
  async supplierUser(supplierId: string): Promise<{ userId: string; name: string } | undefined> {
    const supplier = await this.prisma.supplier.findUnique({
      where: { id: supplierId },
      select: { userId: true, name: true },
    });
    return supplier ?? undefined;
  }

  confirmedBookingsOf(launchId: string): Promise<BookingRecord[]> {
    return this.prisma.booking.findMany({
      where: { launchId, status: 'CONFIRMED' },
      select: BOOKING_COLUMNS,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async booking(id: string): Promise<BookingRecord | undefined> {
    const booking = await this.prisma.booking.findUnique({
      where: { id },
      select: BOOKING_COLUMNS,
    });
    return booking ?? undefined;
  }

  bookingPage(afterId: string | undefined, limit: number): Promise<BookingRecord[]> {
    return this.prisma.booking.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      select: BOOKING_COLUMNS,
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  async customerInvoicePage(
    afterId: string | undefined,
    limit: number,
  ): Promise<CustomerInvoiceRecord[]> {
    const rows = await this.prisma.invoice.findMany({
      where: { kind: 'CUSTOMER', ...(afterId === undefined ? {} : { id: { gt: afterId } }) },
      select: {
        id: true,
        customerUserId: true,
        number: true,
        amount: true,
        currency: true,
        status: true,
        bookingId: true,
        creditedInvoiceId: true,
        issuedAt: true,
        paidAt: true,
        voidedAt: true,
      },
      orderBy: { id: 'asc' },
      take: limit,
    });
    // CUSTOMER invoices always name their customer (a CHECK constraint).
    return rows.map((row) => ({ ...row, customerUserId: row.customerUserId ?? '' }));
  }

  waitlistPage(afterId: string | undefined, limit: number): Promise<WaitlistRecord[]> {
    return this.prisma.waitlistEntry.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      select: {
        id: true,
        status: true,
        seats: true,
        heldSeats: true,
        queuedAt: true,
        holdExpiresAt: true,
        bookingId: true,
      },
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  private async launchesWhere(
    where: { id?: string | { gt: string } },
    limit: number,
  ): Promise<LaunchRecord[]> {
    const rows = await this.prisma.launch.findMany({
      where,
      ...LAUNCH_COLUMNS,
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map(({ rocket, ...launch }) => ({ ...launch, rocketName: rocket.name }));
  }
}
