import type { BookingStatus, InvoiceKind, InvoiceStatus, LaunchStatus } from './generated/enums';

/**
 * The events written to `outbox_events` in the same transaction as the change
 * they describe: what the sync worker copies to the customer store and what the
 * notification worker mails about. Payloads are full snapshots, so a consumer
 * never reads PostgreSQL back to act on one; times are ISO-8601 strings in UTC.
 */
export const OutboxEventType = {
  SupplierCreated: 'supplier.created',
  SpaceportCreated: 'spaceport.created',
  SpaceportUpdated: 'spaceport.updated',
  RocketCreated: 'rocket.created',
  RocketUpdated: 'rocket.updated',
  LaunchScheduled: 'launch.scheduled',
  LaunchDelayed: 'launch.delayed',
  LaunchStatusChanged: 'launch.status_changed',
  BookingConfirmed: 'booking.confirmed',
  BookingRejected: 'booking.rejected',
  BookingCancelled: 'booking.cancelled',
  InvoiceIssued: 'invoice.issued',
  InvoicePaid: 'invoice.paid',
  InvoiceVoided: 'invoice.voided',
} as const;

export type OutboxEventType = (typeof OutboxEventType)[keyof typeof OutboxEventType];

export type AggregateType = 'supplier' | 'spaceport' | 'rocket' | 'launch' | 'booking' | 'invoice';

export interface SupplierSnapshot {
  id: string;
  userId: string;
  name: string;
}

export interface SpaceportSnapshot {
  id: string;
  name: string;
  location: string;
}

export interface RocketSnapshot {
  id: string;
  supplierId: string;
  name: string;
  capacity: number;
}

export interface LaunchSnapshot {
  id: string;
  supplierId: string;
  rocketId: string;
  mission: string;
  destination: string;
  scheduledAt: string;
  status: LaunchStatus;
  statusReason: string | null;
  pricePerSeat: number;
  currency: string;
  seatCapacity: number;
  seatsSold: number;
  seatsAvailable: number;
  spaceport: SpaceportSnapshot;
}

export interface BookingSnapshot {
  id: string;
  launchId: string;
  customerUserId: string;
  idempotencyKey: string;
  seats: number;
  pricePerSeat: number;
  totalPrice: number;
  currency: string;
  status: BookingStatus;
  rejectionReason: string | null;
  refundPercent: number | null;
  refundAmount: number | null;
  cancellationReason: string | null;
  cancelledAt: string | null;
  createdAt: string;
}

export interface InvoiceSnapshot {
  id: string;
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  amount: number;
  currency: string;
  bookingId: string | null;
  creditedInvoiceId: string | null;
  launchId: string | null;
  customerUserId: string | null;
  supplierId: string | null;
  issuedAt: string;
  paidAt: string | null;
  voidedAt: string | null;
}

/** The payload of each event type. */
export interface OutboxPayloads {
  [OutboxEventType.SupplierCreated]: { supplier: SupplierSnapshot };
  [OutboxEventType.SpaceportCreated]: { spaceport: SpaceportSnapshot };
  [OutboxEventType.SpaceportUpdated]: { spaceport: SpaceportSnapshot };
  [OutboxEventType.RocketCreated]: { rocket: RocketSnapshot };
  [OutboxEventType.RocketUpdated]: { rocket: RocketSnapshot };
  [OutboxEventType.LaunchScheduled]: { launch: LaunchSnapshot };
  [OutboxEventType.LaunchDelayed]: { launch: LaunchSnapshot; previousScheduledAt: string };
  [OutboxEventType.LaunchStatusChanged]: { launch: LaunchSnapshot; previousStatus: LaunchStatus };
  [OutboxEventType.BookingConfirmed]: { booking: BookingSnapshot; launch: LaunchSnapshot };
  [OutboxEventType.BookingRejected]: { booking: BookingSnapshot; launch: LaunchSnapshot };
  [OutboxEventType.BookingCancelled]: { booking: BookingSnapshot; launch: LaunchSnapshot };
  [OutboxEventType.InvoiceIssued]: { invoice: InvoiceSnapshot };
  [OutboxEventType.InvoicePaid]: { invoice: InvoiceSnapshot };
  [OutboxEventType.InvoiceVoided]: { invoice: InvoiceSnapshot };
}
