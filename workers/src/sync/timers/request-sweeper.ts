import { SyncJobName, syncJobIds, type Logger, type SyncJobs } from '@astrobookings/shared';
import type { Queue } from 'bullmq';
import { FAILED_RETRY_FACTOR, redrive, type Redrive } from '../job-redrive';
import type { BookingCopies } from '../read-model/booking-copies';
import type { WaitlistCopies } from '../read-model/waitlist-copies';

const BATCH = 500;

/**
 * Customers' requests that are still undecided a while after they were made
 * (their job was lost with Redis, or never enqueued while Redis was away) are
 * handed to the queue again. The customer store, not Redis, says what is left.
 */
export class RequestSweeper {
  constructor(
    private readonly bookings: BookingCopies,
    private readonly waitlist: WaitlistCopies,
    private readonly queue: Queue,
    private readonly redriveAfterMs: number,
    private readonly logger: Logger,
  ) {}

  async sweep(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.redriveAfterMs);
    const again = <N extends SyncJobName>(name: N, data: SyncJobs[N], jobId: string) =>
      redrive(this.queue, name, data, jobId, this.redriveAfterMs * FAILED_RETRY_FACTOR, now);
    const results: Redrive[] = [];
    for (const booking of await this.bookings.listUndecided(before, BATCH)) {
      results.push(
        await again(
          SyncJobName.PlaceBooking,
          { bookingId: booking._id },
          syncJobIds.placeBooking(booking._id),
        ),
      );
    }
    for (const booking of await this.bookings.listCancellationsAsked(before, BATCH)) {
      if (booking.cancelRequestedAt === null) continue;
      results.push(
        await again(
          SyncJobName.CancelBooking,
          { bookingId: booking._id },
          syncJobIds.cancelBooking(booking._id, booking.cancelRequestedAt),
        ),
      );
    }
    for (const entry of await this.waitlist.listPending(before, BATCH)) {
      results.push(
        await again(
          SyncJobName.WaitlistRequest,
          { entryId: entry._id },
          syncJobIds.waitlistRequest(entry._id, entry.requestedAt),
        ),
      );
    }
    const redriven = results.filter((result) => result !== 'present').length;
    if (redriven > 0) {
      this.logger.warn({ redriven }, 're-drove customer requests whose jobs were gone');
    }
    return redriven;
  }
}
