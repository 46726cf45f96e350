import {
  createNotificationJob,
  NotificationKind,
  RecipientRole,
  type NotificationJob,
  type NotificationRecipient,
} from '@astrobookings/shared';

/** One complete job of every notification kind, as the sync worker would enqueue them. */

export const LAUNCH = {
  id: 'launch-7f3a',
  mission: 'Artemis Tourist 3',
  destination: 'Lunar orbit',
  scheduledAt: '2027-03-14T09:30:00.000Z',
  spaceport: { name: 'Kourou', location: 'French Guiana' },
  rocketName: 'Heavy Lifter',
};

export const BOOKING = {
  id: 'booking-91c2',
  seats: 2,
  pricePerSeat: 12_500_000,
  totalPrice: 25_000_000,
  currency: 'EUR',
};

export function customer(label = 'ada'): NotificationRecipient {
  return {
    userId: `user-${label}`,
    email: `${label}@example.com`,
    name: `Ada ${label}`,
    role: RecipientRole.Customer,
  };
}

export function supplier(label = 'orbital'): NotificationRecipient {
  return {
    userId: `supplier-${label}`,
    email: `${label}@suppliers.example.com`,
    name: `Orbital ${label}`,
    role: RecipientRole.Supplier,
  };
}

/** Every kind, each from its own source event, to `recipient` (suppliers get theirs). */
export function jobsOfEveryKind(eventPrefix: string, who = customer()): NotificationJob[] {
  const event = (kind: NotificationKind) => `${eventPrefix}-${kind}`;
  const refund = { refundAmount: 20_000_000, refundPercent: 80 };
  return [
    createNotificationJob({
      kind: NotificationKind.BookingConfirmed,
      sourceEventId: event(NotificationKind.BookingConfirmed),
      recipient: who,
      data: { launch: LAUNCH, booking: BOOKING },
    }),
    createNotificationJob({
      kind: NotificationKind.BookingRejected,
      sourceEventId: event(NotificationKind.BookingRejected),
      recipient: who,
      data: { launch: LAUNCH, booking: BOOKING, reason: 'Only 1 seat was left' },
    }),
    createNotificationJob({
      kind: NotificationKind.BookingCancelled,
      sourceEventId: event(NotificationKind.BookingCancelled),
      recipient: who,
      data: { launch: LAUNCH, booking: BOOKING, reason: 'Cancelled at your request', ...refund },
    }),
    createNotificationJob({
      kind: NotificationKind.LaunchScheduled,
      sourceEventId: event(NotificationKind.LaunchScheduled),
      recipient: supplier(),
      data: { launch: { ...LAUNCH, seatCapacity: 6, pricePerSeat: 12_500_000, currency: 'EUR' } },
    }),
    createNotificationJob({
      kind: NotificationKind.LaunchDelayed,
      sourceEventId: event(NotificationKind.LaunchDelayed),
      recipient: who,
      data: {
        launch: { ...LAUNCH, scheduledAt: '2027-03-16T11:00:00.000Z' },
        booking: BOOKING,
        previousScheduledAt: LAUNCH.scheduledAt,
        reason: 'High winds at the launch site',
      },
    }),
    createNotificationJob({
      kind: NotificationKind.LaunchAborted,
      sourceEventId: event(NotificationKind.LaunchAborted),
      recipient: who,
      data: {
        launch: LAUNCH,
        booking: BOOKING,
        reason: 'Engine anomaly',
        refundAmount: 25_000_000,
        refundPercent: 100,
      },
    }),
    createNotificationJob({
      kind: NotificationKind.LaunchCancelled,
      sourceEventId: event(NotificationKind.LaunchCancelled),
      recipient: who,
      data: {
        launch: LAUNCH,
        booking: BOOKING,
        reason: 'The supplier withdrew the rocket',
        refundAmount: 25_000_000,
        refundPercent: 100,
      },
    }),
    createNotificationJob({
      kind: NotificationKind.WaitlistSeatsAvailable,
      sourceEventId: event(NotificationKind.WaitlistSeatsAvailable),
      recipient: who,
      data: {
        launch: LAUNCH,
        seatsAvailable: 2,
        pricePerSeat: 12_500_000,
        currency: 'EUR',
        holdUntil: '2027-01-10T18:00:00.000Z',
      },
    }),
    createNotificationJob({
      kind: NotificationKind.InvoiceIssued,
      sourceEventId: event(NotificationKind.InvoiceIssued),
      recipient: who,
      data: {
        invoice: {
          id: 'invoice-55',
          number: 'C-2027-000042',
          kind: 'CUSTOMER',
          amount: 25_000_000,
          currency: 'EUR',
          issuedAt: '2027-01-05T10:00:00.000Z',
        },
        launch: LAUNCH,
        booking: BOOKING,
      },
    }),
  ];
}
