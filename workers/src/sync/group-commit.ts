import type {
  BookingService,
  Placement,
  PlacementRequest,
} from '@astrobookings/admin-subgraph/dist/booking/booking.service';

interface Queued {
  request: PlacementRequest;
  resolve(placement: Placement): void;
  reject(error: unknown): void;
}

/** The most requests one transaction decides. */
const MAX_BATCH = 100;

/**
 * Booking requests of concurrent jobs, decided together (group commit): while
 * one batch is being decided in PostgreSQL, the requests that arrive wait and
 * go together in the next. Alone, a request waits for nothing; under load one
 * transaction decides many, and the invoice counter every confirmed booking
 * needs is taken once per batch rather than once per booking. A batch that
 * fails rejects every request in it, and each job is retried: placing is
 * idempotent.
 */
export class PlacementBatches {
  private readonly queued: Queued[] = [];
  private placing = false;

  constructor(private readonly bookings: BookingService) {}

  place(request: PlacementRequest): Promise<Placement> {
    return new Promise<Placement>((resolve, reject) => {
      this.queued.push({ request, resolve, reject });
      this.placeNext();
    });
  }

  private placeNext(): void {
    if (this.placing || this.queued.length === 0) return;
    this.placing = true;
    const batch = this.queued.splice(0, MAX_BATCH);
    void this.decide(batch).finally(() => {
      this.placing = false;
      this.placeNext();
    });
  }

  private async decide(batch: Queued[]): Promise<void> {
    try {
      const placements = await this.bookings.placeBookings(batch.map(({ request }) => request));
      batch.forEach((queued, index) => queued.resolve(placements[index]));
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    }
  }
}
