import { createHash } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';

/**
 * The one contract for notification jobs on QueueName.Notifications: what the
 * sync worker (and anything else that mails) enqueues and what the
 * notification worker sends. Payloads are complete snapshots, so the worker
 * never reads another store to build an email.
 */

export enum NotificationKind {
  BookingConfirmed = 'BOOKING_CONFIRMED',
  BookingRejected = 'BOOKING_REJECTED',
  /** Cancelled by the customer or an employee, with the refund. */
  BookingCancelled = 'BOOKING_CANCELLED',
  /** To the supplier whose launch was scheduled. */
  LaunchScheduled = 'LAUNCH_SCHEDULED',
  /** The next three go to every customer booked on the launch, one job each. */
  LaunchDelayed = 'LAUNCH_DELAYED',
  LaunchAborted = 'LAUNCH_ABORTED',
  LaunchCancelled = 'LAUNCH_CANCELLED',
  WaitlistSeatsAvailable = 'WAITLIST_SEATS_AVAILABLE',
  /** To the customer (booking invoice, credit note) or the supplier (launch invoice). */
  InvoiceIssued = 'INVOICE_ISSUED',
}

export enum RecipientRole {
  Customer = 'CUSTOMER',
  Supplier = 'SUPPLIER',
}

const id = z.string().min(1);
const text = z.string().trim().min(1);
const isoTime = z.iso.datetime({ offset: true });
/** Minor units (cents). */
const amount = z.number().int();
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');

export const recipientSchema = z.object({
  userId: id,
  email: z.email(),
  name: text,
  role: z.enum(RecipientRole),
});

export const launchDetailsSchema = z.object({
  id,
  mission: text,
  destination: text,
  scheduledAt: isoTime,
  spaceport: z.object({ name: text, location: text }),
  rocketName: text.optional(),
});

export const bookingDetailsSchema = z.object({
  id,
  seats: z.number().int().positive(),
  pricePerSeat: amount,
  totalPrice: amount,
  currency,
});

const refund = { refundAmount: amount, refundPercent: z.number().int().min(0).max(100) };

/** The data each kind's email needs. */
export const notificationDataSchemas = {
  [NotificationKind.BookingConfirmed]: z.object({
    launch: launchDetailsSchema,
    booking: bookingDetailsSchema,
  }),
  [NotificationKind.BookingRejected]: z.object({
    launch: launchDetailsSchema,
    booking: bookingDetailsSchema,
    reason: text,
  }),
  [NotificationKind.BookingCancelled]: z.object({
    launch: launchDetailsSchema,
    booking: bookingDetailsSchema,
    reason: text,
    ...refund,
  }),
  [NotificationKind.LaunchScheduled]: z.object({
    launch: launchDetailsSchema.extend({
      seatCapacity: z.number().int().positive(),
      pricePerSeat: amount,
      currency,
    }),
  }),
  [NotificationKind.LaunchDelayed]: z.object({
    launch: launchDetailsSchema,
    booking: bookingDetailsSchema,
    previousScheduledAt: isoTime,
    reason: text,
  }),
  [NotificationKind.LaunchAborted]: z.object({
    launch: launchDetailsSchema,
    booking: bookingDetailsSchema,
    reason: text,
    ...refund,
  }),
  [NotificationKind.LaunchCancelled]: z.object({
    launch: launchDetailsSchema,
    booking: bookingDetailsSchema,
    reason: text,
    ...refund,
  }),
  [NotificationKind.WaitlistSeatsAvailable]: z.object({
    launch: launchDetailsSchema,
    seatsAvailable: z.number().int().positive(),
    pricePerSeat: amount,
    currency,
    /** Until when the seats are held for this customer. */
    holdUntil: isoTime,
  }),
  [NotificationKind.InvoiceIssued]: z.object({
    invoice: z.object({
      id,
      number: text,
      kind: z.enum(['CUSTOMER', 'SUPPLIER']),
      /** Negative for a credit note. */
      amount,
      currency,
      issuedAt: isoTime,
    }),
    launch: launchDetailsSchema.optional(),
    booking: bookingDetailsSchema.optional(),
  }),
} satisfies Record<NotificationKind, z.ZodType>;

type DataSchemas = typeof notificationDataSchemas;

function jobSchema<K extends NotificationKind>(kind: K) {
  return z.object({
    /** Deterministic (see notificationId): the BullMQ job id and the NotificationStatus _id. */
    id,
    kind: z.literal(kind),
    /** The event this notification is about, e.g. the outbox event id. */
    sourceEventId: id,
    recipient: recipientSchema,
    data: notificationDataSchemas[kind],
    correlationId: z.string().optional(),
    requestedAt: isoTime,
  });
}

export const notificationJobSchema = z.discriminatedUnion('kind', [
  jobSchema(NotificationKind.BookingConfirmed),
  jobSchema(NotificationKind.BookingRejected),
  jobSchema(NotificationKind.BookingCancelled),
  jobSchema(NotificationKind.LaunchScheduled),
  jobSchema(NotificationKind.LaunchDelayed),
  jobSchema(NotificationKind.LaunchAborted),
  jobSchema(NotificationKind.LaunchCancelled),
  jobSchema(NotificationKind.WaitlistSeatsAvailable),
  jobSchema(NotificationKind.InvoiceIssued),
]);

export type NotificationJob = z.infer<typeof notificationJobSchema>;
export type NotificationRecipient = z.infer<typeof recipientSchema>;
export type LaunchDetails = z.infer<typeof launchDetailsSchema>;
export type BookingDetails = z.infer<typeof bookingDetailsSchema>;
export type NotificationData<K extends NotificationKind> = z.infer<DataSchemas[K]>;
export type NotificationJobOf<K extends NotificationKind> = Extract<NotificationJob, { kind: K }>;

/**
 * One notification per source event, kind and recipient: the same event
 * enqueued twice is one job, one status and at most one email. Hashed because
 * BullMQ job ids may not contain `:`.
 */
export function notificationId(
  sourceEventId: string,
  kind: NotificationKind,
  recipientUserId: string,
): string {
  const digest = createHash('sha256')
    .update(`${sourceEventId}\u0000${kind}\u0000${recipientUserId}`)
    .digest('hex');
  return `ntf_${digest.slice(0, 32)}`;
}

export interface NotificationRequest<K extends NotificationKind> {
  kind: K;
  sourceEventId: string;
  recipient: NotificationRecipient;
  data: NotificationData<K>;
  correlationId?: string;
}

export function createNotificationJob<K extends NotificationKind>(
  request: NotificationRequest<K>,
  now: Date = new Date(),
): NotificationJobOf<K> {
  return {
    id: notificationId(request.sourceEventId, request.kind, request.recipient.userId),
    kind: request.kind,
    sourceEventId: request.sourceEventId,
    recipient: request.recipient,
    data: request.data,
    correlationId: request.correlationId,
    requestedAt: now.toISOString(),
  } as NotificationJobOf<K>;
}

/** The custom backoff the notification worker computes from its own configuration. */
export const NOTIFICATION_BACKOFF_TYPE = 'notification';

/**
 * Job options of every notification. The worker, not the enqueuer, decides how
 * many attempts a notification gets (NOTIFICATION_ATTEMPTS): BullMQ's own
 * bound is only a backstop.
 */
export function notificationJobOptions(jobId: string): JobsOptions {
  return { jobId, attempts: 1_000, backoff: { type: NOTIFICATION_BACKOFF_TYPE } };
}

/** Enqueues a notification; enqueuing the same one again while BullMQ still holds it is a no-op. */
export async function enqueueNotification(queue: Queue, job: NotificationJob): Promise<void> {
  await queue.add(job.kind, job, notificationJobOptions(job.id));
}
