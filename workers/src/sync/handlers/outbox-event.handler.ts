import { OutboxEventType, type OutboxPayloads } from '@astrobookings/prisma';
import { isOnSaleAt, type Logger } from '@astrobookings/shared';
import type { NotificationPlanner } from '../notifications/notification-planner';
import type { OperationalReader } from '../operational/operational.reader';
import type { OutboxEventRow } from '../operational/outbox.repository';
import {
  isWaitlistEvent,
  WaitlistEventType,
  type WaitlistEventPayload,
} from '../operational/waitlist-events';
import type { WaitlistRepository } from '../operational/waitlist.repository';
import type { OutcomeAnnouncer } from '../outcome-announcer';
import type { BookingCopies } from '../read-model/booking-copies';
import type { InvoiceCopies } from '../read-model/invoice-copies';
import type { LaunchCopies } from '../read-model/launch-copies';
import {
  bookingFromSnapshot,
  invoiceFromSnapshot,
  launchFromSnapshot,
  waitlistFromPayload,
} from '../read-model/states';
import type { WaitlistCopies } from '../read-model/waitlist-copies';

/** What handling one event did to the customer store. */
export interface EventEffect {
  /** What the event is about: launch, booking, invoice, waitlist, … */
  entity: string;
  /** Whether the customer store changed (false: already applied, or nothing to copy). */
  applied: boolean;
}

export interface EventHandlerDeps {
  launches: LaunchCopies;
  bookings: BookingCopies;
  invoices: InvoiceCopies;
  waitlist: WaitlistCopies;
  operational: OperationalReader;
  waitlists: WaitlistRepository;
  notifications: NotificationPlanner;
  announcer: OutcomeAnnouncer;
  logger: Logger;
  clock: () => Date;
}

type Payload<K extends keyof typeof OutboxEventType> = OutboxPayloads[(typeof OutboxEventType)[K]];

/**
 * Copies one outbox event to the customer store and turns it into notifications.
 * Handling an event twice changes nothing the second time: copies apply only
 * forward (by the event id or the booking's progress) and notification ids
 * derive from the event.
 */
export class OutboxEventHandler {
  constructor(private readonly deps: EventHandlerDeps) {}

  async handle(event: OutboxEventRow): Promise<EventEffect> {
    const version = Number(event.id);
    const source = { eventId: event.id, correlationId: event.correlationId };
    const { deps } = this;
    const now = deps.clock();
    if (isWaitlistEvent(event.eventType)) {
      return this.waitlistChanged(
        event.eventType,
        event.payload as WaitlistEventPayload,
        version,
        source,
      );
    }
    switch (event.eventType) {
      case OutboxEventType.LaunchScheduled: {
        const { launch } = event.payload as Payload<'LaunchScheduled'>;
        const applied = await this.launchChanged(launch, version);
        await deps.notifications.launchScheduled(source, launch);
        return { entity: 'launch', applied };
      }
      case OutboxEventType.LaunchDelayed: {
        const payload = event.payload as Payload<'LaunchDelayed'>;
        const applied = await this.launchChanged(payload.launch, version);
        await deps.notifications.launchDelayed(source, payload.launch, payload.previousScheduledAt);
        return { entity: 'launch', applied };
      }
      case OutboxEventType.LaunchStatusChanged: {
        const { launch } = event.payload as Payload<'LaunchStatusChanged'>;
        const applied = await this.launchChanged(launch, version);
        const state = launchFromSnapshot(launch);
        if (!isOnSaleAt(state, now)) await deps.waitlists.closeIfOffSale(launch.id);
        return { entity: 'launch', applied };
      }
      case OutboxEventType.BookingConfirmed:
      case OutboxEventType.BookingRejected:
      case OutboxEventType.BookingCancelled: {
        const { booking, launch } = event.payload as Payload<'BookingConfirmed'>;
        const applied = await deps.bookings.apply(bookingFromSnapshot(booking), now);
        await deps.launches.apply(launchFromSnapshot(launch), version, now);
        await deps.announcer.announce({ entity: 'booking', id: booking.id });
        if (event.eventType === OutboxEventType.BookingCancelled) {
          await deps.notifications.bookingCancelled(source, booking, launch);
        } else {
          await deps.notifications.bookingDecided(source, booking, launch);
        }
        return { entity: 'booking', applied };
      }
      case OutboxEventType.InvoiceIssued:
      case OutboxEventType.InvoicePaid:
      case OutboxEventType.InvoiceVoided: {
        const { invoice } = event.payload as Payload<'InvoiceIssued'>;
        const state = invoiceFromSnapshot(invoice);
        const applied =
          state === undefined ? false : await deps.invoices.apply(state, version, now);
        if (event.eventType === OutboxEventType.InvoiceIssued) {
          await deps.notifications.invoiceIssued(source, invoice);
        }
        return { entity: 'invoice', applied };
      }
      case OutboxEventType.RocketUpdated: {
        const { rocket } = event.payload as Payload<'RocketUpdated'>;
        return {
          entity: 'rocket',
          applied: (await deps.launches.renameRocket(rocket.id, rocket.name)) > 0,
        };
      }
      case OutboxEventType.SpaceportUpdated: {
        const { spaceport } = event.payload as Payload<'SpaceportUpdated'>;
        return {
          entity: 'spaceport',
          applied: (await deps.launches.updateSpaceport(spaceport)) > 0,
        };
      }
      // Nothing customers see until a launch uses them (launch events carry what they show).
      case OutboxEventType.SupplierCreated:
      case OutboxEventType.SpaceportCreated:
      case OutboxEventType.RocketCreated:
        return { entity: event.aggregateType, applied: false };
      default:
        deps.logger.warn(
          { eventId: event.id, eventType: event.eventType },
          'unknown outbox event; skipped',
        );
        return { entity: event.aggregateType, applied: false };
    }
  }

  private async launchChanged(
    snapshot: Payload<'LaunchScheduled'>['launch'],
    version: number,
  ): Promise<boolean> {
    const { deps } = this;
    const applied = await deps.launches.apply(launchFromSnapshot(snapshot), version, deps.clock());
    const rocketName = await deps.operational.rocketName(snapshot.rocketId);
    if (rocketName !== undefined) await deps.launches.setRocketName(snapshot.id, rocketName);
    return applied;
  }

  private async waitlistChanged(
    type: WaitlistEventType,
    payload: WaitlistEventPayload,
    version: number,
    source: { eventId: string; correlationId: string | null },
  ): Promise<EventEffect> {
    const { deps } = this;
    const now = deps.clock();
    // The launch first: by the time a customer sees their entry change, its seats show it.
    await deps.launches.applySeats(
      payload.launch.id,
      { seatCapacity: payload.launch.seatCapacity, seatsAvailable: payload.launch.seatsAvailable },
      version,
      now,
    );
    const applied = await deps.waitlist.apply(waitlistFromPayload(payload.entry), version, now);
    await deps.announcer.announce({ entity: 'waitlist', id: payload.entry.id });
    if (type === WaitlistEventType.HoldGranted) await deps.notifications.seatsHeld(source, payload);
    return { entity: 'waitlist', applied };
  }
}
