import type { BookingSnapshot, InvoiceSnapshot, LaunchSnapshot } from '@astrobookings/prisma';
import {
  createNotificationJob,
  enqueueNotification,
  NotificationKind,
  notificationJobSchema,
  type BookingDetails,
  type LaunchDetails,
  type Logger,
  type NotificationRecipient,
  type NotificationRequest,
} from '@astrobookings/shared';
import type { Queue } from 'bullmq';
import type { LaunchRecord, OperationalReader } from '../operational/operational.reader';
import type { WaitlistEventPayload } from '../operational/waitlist-events';
import type { RecipientDirectory } from './recipient-directory';

/** What the outbox event a notification comes from says about it. */
export interface EventSource {
  /** outbox_events.id: one notification per event, kind and recipient. */
  eventId: string;
  correlationId: string | null;
}

type LaunchLike = Pick<LaunchSnapshot, 'id' | 'mission' | 'destination' | 'scheduledAt'> & {
  spaceport: { name: string; location: string };
};

function launchDetails(launch: LaunchLike, rocketName?: string): LaunchDetails {
  return {
    id: launch.id,
    mission: launch.mission,
    destination: launch.destination,
    scheduledAt: launch.scheduledAt,
    spaceport: { name: launch.spaceport.name, location: launch.spaceport.location },
    ...(rocketName === undefined ? {} : { rocketName }),
  };
}

function recordDetails(launch: LaunchRecord): LaunchDetails {
  return launchDetails(
    { ...launch, scheduledAt: launch.scheduledAt.toISOString() },
    launch.rocketName,
  );
}

function bookingDetails(booking: {
  id: string;
  seats: number;
  pricePerSeat: number;
  totalPrice: number;
  currency: string;
}): BookingDetails {
  return {
    id: booking.id,
    seats: booking.seats,
    pricePerSeat: booking.pricePerSeat,
    totalPrice: booking.totalPrice,
    currency: booking.currency,
  };
}

/**
 * Turns outbox events into notification jobs (the notification worker's
 * contract). Job ids derive from the event, kind and recipient, so an event
 * handled twice enqueues nothing new; a recipient without a known address is
 * logged and skipped.
 */
export class NotificationPlanner {
  constructor(
    private readonly queue: Queue,
    private readonly recipients: RecipientDirectory,
    private readonly operational: OperationalReader,
    private readonly logger: Logger,
  ) {}

  async bookingDecided(
    source: EventSource,
    booking: BookingSnapshot,
    launch: LaunchSnapshot,
  ): Promise<void> {
    const recipient = await this.customer(booking.customerUserId, source);
    if (recipient === undefined) return;
    const details = { launch: launchDetails(launch), booking: bookingDetails(booking) };
    if (booking.status === 'CONFIRMED') {
      await this.send(source, recipient, NotificationKind.BookingConfirmed, details);
    } else if (booking.status === 'REJECTED') {
      await this.send(source, recipient, NotificationKind.BookingRejected, {
        ...details,
        reason: booking.rejectionReason ?? 'The seats could not be booked',
      });
    }
  }

  /** One email per cancelled booking: a launch called off says so, with the full refund. */
  async bookingCancelled(
    source: EventSource,
    booking: BookingSnapshot,
    launch: LaunchSnapshot,
  ): Promise<void> {
    const recipient = await this.customer(booking.customerUserId, source);
    if (recipient === undefined) return;
    const data = {
      launch: launchDetails(launch),
      booking: bookingDetails(booking),
      reason: booking.cancellationReason ?? 'Cancelled',
      refundAmount: booking.refundAmount ?? 0,
      refundPercent: booking.refundPercent ?? 0,
    };
    if (launch.status === 'CANCELLED') {
      await this.send(source, recipient, NotificationKind.LaunchCancelled, data);
    } else if (launch.status === 'ABORTED') {
      await this.send(source, recipient, NotificationKind.LaunchAborted, data);
    } else {
      await this.send(source, recipient, NotificationKind.BookingCancelled, data);
    }
  }

  async launchScheduled(source: EventSource, launch: LaunchSnapshot): Promise<void> {
    const recipient = await this.recipients.supplier(launch.supplierId);
    if (recipient === undefined) {
      this.unknown(source, 'supplier', launch.supplierId);
      return;
    }
    const rocketName = await this.operational.rocketName(launch.rocketId);
    await this.send(source, recipient, NotificationKind.LaunchScheduled, {
      launch: {
        ...launchDetails(launch, rocketName),
        seatCapacity: launch.seatCapacity,
        pricePerSeat: launch.pricePerSeat,
        currency: launch.currency,
      },
    });
  }

  /** Every customer with a confirmed booking on the launch hears of the new time. */
  async launchDelayed(
    source: EventSource,
    launch: LaunchSnapshot,
    previousScheduledAt: string,
  ): Promise<void> {
    for (const booking of await this.operational.confirmedBookingsOf(launch.id)) {
      const recipient = await this.customer(booking.customerUserId, source);
      if (recipient === undefined) continue;
      await this.send(source, recipient, NotificationKind.LaunchDelayed, {
        launch: launchDetails(launch),
        booking: bookingDetails(booking),
        previousScheduledAt,
        reason: launch.statusReason ?? 'The launch was delayed',
      });
    }
  }

  async seatsHeld(source: EventSource, payload: WaitlistEventPayload): Promise<void> {
    const { entry } = payload;
    if (entry.status !== 'HOLDING' || entry.holdExpiresAt === null || entry.heldSeats === null) {
      return;
    }
    const [recipient, launch] = await Promise.all([
      this.customer(entry.customerUserId, source),
      this.operational.launch(entry.launchId),
    ]);
    if (recipient === undefined || launch === undefined) return;
    await this.send(source, recipient, NotificationKind.WaitlistSeatsAvailable, {
      launch: recordDetails(launch),
      seatsAvailable: entry.heldSeats,
      pricePerSeat: launch.pricePerSeat,
      currency: launch.currency,
      holdUntil: new Date(entry.holdExpiresAt).toISOString(),
    });
  }

  async invoiceIssued(source: EventSource, invoice: InvoiceSnapshot): Promise<void> {
    const recipient =
      invoice.customerUserId !== null
        ? await this.customer(invoice.customerUserId, source)
        : invoice.supplierId !== null
          ? await this.recipients.supplier(invoice.supplierId)
          : undefined;
    if (recipient === undefined) {
      this.unknown(source, 'invoice recipient', invoice.id);
      return;
    }
    await this.send(source, recipient, NotificationKind.InvoiceIssued, {
      invoice: {
        id: invoice.id,
        number: invoice.number,
        kind: invoice.kind,
        amount: invoice.amount,
        currency: invoice.currency,
        issuedAt: invoice.issuedAt,
      },
    });
  }

  private async customer(
    userId: string,
    source: EventSource,
  ): Promise<NotificationRecipient | undefined> {
    const recipient = await this.recipients.customer(userId);
    if (recipient === undefined) this.unknown(source, 'customer', userId);
    return recipient;
  }

  private async send<K extends NotificationKind>(
    source: EventSource,
    recipient: NotificationRecipient,
    kind: K,
    data: NotificationRequest<K>['data'],
  ): Promise<void> {
    const job = createNotificationJob({
      kind,
      sourceEventId: `outbox-${source.eventId}`,
      recipient,
      data,
      correlationId: source.correlationId ?? undefined,
    });
    const checked = notificationJobSchema.safeParse(job);
    if (!checked.success) {
      // Sent anyway: the notification worker records it FAILED where operators see it.
      this.logger.error(
        { notificationId: job.id, kind, problems: checked.error.issues },
        'a notification job breaks the contract',
      );
    }
    await enqueueNotification(this.queue, job);
  }

  private unknown(source: EventSource, what: string, id: string): void {
    this.logger.warn({ eventId: source.eventId, what, id }, 'no address to notify; skipped');
  }
}
