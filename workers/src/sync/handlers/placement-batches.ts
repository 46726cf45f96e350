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
 * a launch's batch is being decided in PostgreSQL, the requests for that launch
 * that arrive wait and go together in its next one. Alone, a request waits for
 * nothing; under load one transaction decides many. Launches do not wait for
 * each other. A batch that fails rejects every request in it, and each job is
 * retried: placing is idempotent.
 */
export class PlacementBatches {
  private readonly queued = new Map<string, Queued[]>();
  private readonly placing = new Set<string>();

  constructor(private readonly bookings: BookingService) {}

  place(request: PlacementRequest): Promise<Placement> {
    return new Promise<Placement>((resolve, reject) => {
      const queue = this.queued.get(request.launchId) ?? [];
      this.queued.set(request.launchId, queue);
      queue.push({ request, resolve, reject });
      this.placeNext(request.launchId);
    });
  }

  private placeNext(launchId: string): void {
    const queue = this.queued.get(launchId);
    if (this.placing.has(launchId) || queue === undefined) return;
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length === 0) this.queued.delete(launchId);
    this.placing.add(launchId);
    void this.decide(batch).finally(() => {
      this.placing.delete(launchId);
      this.placeNext(launchId);
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
