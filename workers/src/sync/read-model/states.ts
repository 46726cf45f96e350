import type { BookingSnapshot, InvoiceSnapshot, LaunchSnapshot } from '@astrobookings/prisma';
import type {
  BookingStatusValue,
  InvoiceStatusValue,
  LaunchStatusValue,
} from '@astrobookings/shared';
import type {
  BookingRecord,
  CustomerInvoiceRecord,
  LaunchRecord,
  WaitlistRecord,
} from '../operational/operational.reader';
import type { WaitlistEventPayload } from '../operational/waitlist-events';
import type { BookingState } from './booking-copies';
import type { InvoiceState } from './invoice-copies';
import type { LaunchState } from './launch-copies';
import type { WaitlistState } from './waitlist-copies';

/** PostgreSQL's rows and outbox snapshots as the states the read model copies. */

const date = (iso: string): Date => new Date(iso);
const dateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

export function launchFromSnapshot(snapshot: LaunchSnapshot): LaunchState {
  return {
    id: snapshot.id,
    supplierId: snapshot.supplierId,
    rocketId: snapshot.rocketId,
    mission: snapshot.mission,
    destination: snapshot.destination,
    scheduledAt: date(snapshot.scheduledAt),
    status: snapshot.status,
    statusReason: snapshot.statusReason,
    pricePerSeat: snapshot.pricePerSeat,
    currency: snapshot.currency,
    seatCapacity: snapshot.seatCapacity,
    seatsAvailable: snapshot.seatsAvailable,
    spaceport: snapshot.spaceport,
  };
}

export function launchFromRecord(record: LaunchRecord): LaunchState {
  return {
    id: record.id,
    supplierId: record.supplierId,
    rocketId: record.rocketId,
    mission: record.mission,
    destination: record.destination,
    scheduledAt: record.scheduledAt,
    status: record.status as LaunchStatusValue,
    statusReason: record.statusReason,
    pricePerSeat: record.pricePerSeat,
    currency: record.currency,
    seatCapacity: record.seatCapacity,
    seatsAvailable: record.seatCapacity - record.seatsSold,
    spaceport: record.spaceport,
  };
}

export function bookingFromSnapshot(snapshot: BookingSnapshot): BookingState {
  return {
    ...snapshot,
    status: snapshot.status,
    cancelledAt: dateOrNull(snapshot.cancelledAt),
    createdAt: date(snapshot.createdAt),
  };
}

/** A booking row (the Admin service's answer, or a read of the table). */
export function bookingFromRecord(record: BookingRecord): BookingState {
  return { ...record, status: record.status as BookingStatusValue };
}

export function invoiceFromSnapshot(snapshot: InvoiceSnapshot): InvoiceState | undefined {
  if (snapshot.kind !== 'CUSTOMER' || snapshot.customerUserId === null) return undefined;
  return {
    id: snapshot.id,
    customerUserId: snapshot.customerUserId,
    number: snapshot.number,
    amount: snapshot.amount,
    currency: snapshot.currency,
    status: snapshot.status,
    bookingId: snapshot.bookingId,
    creditedInvoiceId: snapshot.creditedInvoiceId,
    issuedAt: date(snapshot.issuedAt),
    paidAt: dateOrNull(snapshot.paidAt),
    voidedAt: dateOrNull(snapshot.voidedAt),
  };
}

export function invoiceFromRecord(record: CustomerInvoiceRecord): InvoiceState {
  return { ...record, status: record.status as InvoiceStatusValue };
}

export function waitlistFromPayload(entry: WaitlistEventPayload['entry']): WaitlistState {
  return {
    id: entry.id,
    seats: entry.seats,
    heldSeats: entry.heldSeats,
    status: entry.status,
    queuedAt: date(entry.queuedAt),
    holdExpiresAt: dateOrNull(entry.holdExpiresAt),
    bookingId: entry.bookingId,
  };
}

export function waitlistFromRecord(record: WaitlistRecord): WaitlistState {
  return { ...record, status: record.status as WaitlistState['status'] };
}
