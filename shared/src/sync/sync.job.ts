import type { Queue } from 'bullmq';

/**
 * The one contract for jobs on QueueName.Sync: what the Customer subgraph and
 * the sync worker's own relay and timers enqueue, and what the sync worker runs.
 * Jobs carry ids only: handlers read the current state of the request or event
 * they name, so a job run twice, or late, acts on what is true now.
 */
export enum SyncJobName {
  /** One row of PostgreSQL's outbox, copied to the customer store and turned into emails. */
  OutboxEvent = 'outbox-event',
  /** A customer's booking request, for PostgreSQL to decide. */
  PlaceBooking = 'place-booking',
  /** A customer's request to cancel a confirmed booking. */
  CancelBooking = 'cancel-booking',
  /** A customer's latest waitlist request (join or leave). */
  WaitlistRequest = 'waitlist-request',
  /** A comparison of PostgreSQL with the customer store that repairs any drift. */
  Reconcile = 'reconcile',
}

export interface OutboxEventJob {
  /** outbox_events.id (a bigint, as text). */
  eventId: string;
}

export interface BookingRequestJob {
  bookingId: string;
  correlationId?: string;
}

export interface WaitlistRequestJob {
  entryId: string;
  correlationId?: string;
}

export interface ReconcileJob {
  /** Which interval of the sweep's schedule this run is for. */
  slot: number;
}

export interface SyncJobs {
  [SyncJobName.OutboxEvent]: OutboxEventJob;
  [SyncJobName.PlaceBooking]: BookingRequestJob;
  [SyncJobName.CancelBooking]: BookingRequestJob;
  [SyncJobName.WaitlistRequest]: WaitlistRequestJob;
  [SyncJobName.Reconcile]: ReconcileJob;
}

/**
 * Job ids (BullMQ refuses `:`): one job per outbox event and per customer request,
 * so enqueuing the same one again while BullMQ holds it is a no-op.
 */
export const syncJobIds = {
  outboxEvent: (eventId: string) => `outbox-${eventId}`,
  placeBooking: (bookingId: string) => `booking-${bookingId}`,
  cancelBooking: (bookingId: string, requestedAt: Date) =>
    `cancel-${bookingId}-${requestedAt.getTime()}`,
  waitlistRequest: (entryId: string, requestedAt: Date) =>
    `waitlist-${entryId}-${requestedAt.getTime()}`,
  reconcile: (slot: number) => `reconcile-${slot}`,
};

/**
 * BullMQ priorities (none runs first, then lower numbers): a customer waiting on a
 * request comes before copying PostgreSQL's events, which comes before a sweep.
 */
export const SYNC_JOB_PRIORITY: Record<SyncJobName, number | undefined> = {
  [SyncJobName.PlaceBooking]: undefined,
  [SyncJobName.CancelBooking]: undefined,
  [SyncJobName.WaitlistRequest]: undefined,
  [SyncJobName.OutboxEvent]: 10,
  [SyncJobName.Reconcile]: 20,
};

export async function enqueueSyncJob<N extends SyncJobName>(
  queue: Queue,
  name: N,
  data: SyncJobs[N],
  jobId: string,
): Promise<void> {
  await queue.add(name, data, { jobId, priority: SYNC_JOB_PRIORITY[name] });
}

/**
 * The Redis pub/sub channel on which the sync worker announces that a customer's
 * request was decided, so the Customer subgraph can answer without polling.
 */
export function syncOutcomeChannel(keyPrefix: string): string {
  return `${keyPrefix}:sync-outcomes`;
}

/** What an announcement on the outcome channel says: which entity changed. */
export interface SyncOutcome {
  entity: 'booking' | 'waitlist';
  id: string;
}

export function parseSyncOutcome(message: string): SyncOutcome | undefined {
  try {
    const parsed = JSON.parse(message) as Partial<SyncOutcome>;
    if (
      (parsed.entity === 'booking' || parsed.entity === 'waitlist') &&
      typeof parsed.id === 'string'
    ) {
      return { entity: parsed.entity, id: parsed.id };
    }
  } catch {
    // Not ours: ignored like any other foreign message.
  }
  return undefined;
}
