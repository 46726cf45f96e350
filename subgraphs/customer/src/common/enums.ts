import { registerEnumType } from 'type-graphql';

// LaunchStatus, BookingStatus and InvoiceStatus are the Admin subgraph's enums too:
// the same names, values and descriptions, so the supergraph has one of each.

export enum LaunchStatus {
  SCHEDULED = 'SCHEDULED',
  DELAYED = 'DELAYED',
  LAUNCHED = 'LAUNCHED',
  SUCCESSFUL = 'SUCCESSFUL',
  FAILED = 'FAILED',
  ABORTED = 'ABORTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(LaunchStatus, {
  name: 'LaunchStatus',
  description:
    'Where a launch is in its life: SCHEDULED → DELAYED → LAUNCHED → SUCCESSFUL or FAILED; SCHEDULED or DELAYED → ABORTED or CANCELLED',
});

export enum BookingStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  REJECTED = 'REJECTED',
}

registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  description: 'PENDING while being decided, then CONFIRMED or REJECTED; CANCELLED later',
});

export enum InvoiceStatus {
  ISSUED = 'ISSUED',
  PAID = 'PAID',
  VOID = 'VOID',
}

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'ISSUED until an employee marks it PAID or VOID',
});

export enum WaitlistStatus {
  PENDING = 'PENDING',
  WAITING = 'WAITING',
  HOLDING = 'HOLDING',
  BOOKED = 'BOOKED',
  LEFT = 'LEFT',
  EXPIRED = 'EXPIRED',
  CLOSED = 'CLOSED',
}

registerEnumType(WaitlistStatus, {
  name: 'WaitlistStatus',
  description:
    'PENDING until recorded; WAITING in line; HOLDING seats that came free (book them before the hold ends); BOOKED with the held seats; LEFT; EXPIRED (the hold ended unused); CLOSED (the launch went off sale)',
});
