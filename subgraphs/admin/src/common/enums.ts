import { BookingStatus, InvoiceKind, InvoiceStatus, LaunchStatus } from '@astrobookings/prisma';
import { registerEnumType } from 'type-graphql';

registerEnumType(LaunchStatus, {
  name: 'LaunchStatus',
  description:
    'Where a launch is in its life: SCHEDULED → DELAYED → LAUNCHED → SUCCESSFUL or FAILED; SCHEDULED or DELAYED → ABORTED or CANCELLED',
});

registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  description: 'PENDING while being decided, then CONFIRMED or REJECTED; CANCELLED later',
});

registerEnumType(InvoiceKind, {
  name: 'InvoiceKind',
  description: 'CUSTOMER: for a booking (or a credit note for its refund); SUPPLIER: for a launch',
});

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'ISSUED until an employee marks it PAID or VOID',
});

export { BookingStatus, InvoiceKind, InvoiceStatus, LaunchStatus };
