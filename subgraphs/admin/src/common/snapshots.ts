import type {
  BookingSnapshot,
  InvoiceSnapshot,
  LaunchSnapshot,
  RocketSnapshot,
  SpaceportSnapshot,
  SupplierSnapshot,
} from '@astrobookings/prisma';
import type { BookingRow } from '../booking/booking.repository';
import type { InvoiceRow } from '../invoice/invoice.repository';
import type { LaunchRow } from '../launch/launch.repository';
import type { RocketRow } from '../rocket/rocket.repository';
import type { SpaceportRow } from '../spaceport/spaceport.repository';
import type { SupplierRow } from '../supplier/supplier.repository';

/** Rows as the JSON of audit entries and outbox events (times as ISO strings). */

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function supplierSnapshot(row: SupplierRow): SupplierSnapshot {
  return { id: row.id, userId: row.userId, name: row.name };
}

export function spaceportSnapshot(row: SpaceportRow): SpaceportSnapshot {
  return { id: row.id, name: row.name, location: row.location };
}

export function rocketSnapshot(row: RocketRow): RocketSnapshot {
  return { id: row.id, supplierId: row.supplierId, name: row.name, capacity: row.capacity };
}

export function launchSnapshot(row: LaunchRow, spaceport: SpaceportRow): LaunchSnapshot {
  return {
    id: row.id,
    supplierId: row.supplierId,
    rocketId: row.rocketId,
    mission: row.mission,
    destination: row.destination,
    scheduledAt: row.scheduledAt.toISOString(),
    status: row.status,
    statusReason: row.statusReason,
    pricePerSeat: row.pricePerSeat,
    currency: row.currency,
    seatCapacity: row.seatCapacity,
    seatsSold: row.seatsSold,
    seatsAvailable: row.seatCapacity - row.seatsSold,
    spaceport: spaceportSnapshot(spaceport),
  };
}

export function bookingSnapshot(row: BookingRow): BookingSnapshot {
  return {
    id: row.id,
    launchId: row.launchId,
    customerUserId: row.customerUserId,
    idempotencyKey: row.idempotencyKey,
    seats: row.seats,
    pricePerSeat: row.pricePerSeat,
    totalPrice: row.totalPrice,
    currency: row.currency,
    status: row.status,
    rejectionReason: row.rejectionReason,
    refundPercent: row.refundPercent,
    refundAmount: row.refundAmount,
    cancellationReason: row.cancellationReason,
    cancelledAt: iso(row.cancelledAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export function invoiceSnapshot(row: InvoiceRow): InvoiceSnapshot {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    bookingId: row.bookingId,
    creditedInvoiceId: row.creditedInvoiceId,
    launchId: row.launchId,
    customerUserId: row.customerUserId,
    supplierId: row.supplierId,
    issuedAt: row.issuedAt.toISOString(),
    paidAt: iso(row.paidAt),
    voidedAt: iso(row.voidedAt),
  };
}
