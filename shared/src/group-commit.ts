interface Queued<T, R> {
  item: T;
  /** When it arrived (performance.now()). */
  since: number;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Calls from concurrent jobs, run together (group commit): while one batch
 * runs, the items that arrive wait and go together in the next. Alone, an item
 * waits for nothing (unless `waitMs` says so); under load one round trip
 * serves many. `run` answers one result per item, in order; when it fails,
 * every item of the batch fails with it (and its job is retried).
 */
export class GroupCommit<T, R> {
  private readonly queued: Queued<T, R>[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    /** The most items one run takes. */
    private readonly maxBatch = 100,
    /**
     * How long the oldest item of a batch waits for others before the batch
     * runs (a full batch runs at once). Where a round trip's fixed cost
     * dwarfs an item's and items arrive a few milliseconds apart, they would
     * otherwise go one or two per round trip.
     */
    private readonly waitMs = 0,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ item, since: performance.now(), resolve, reject });
      if (this.timer !== undefined && this.queued.length >= this.maxBatch) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      this.runNext();
    });
  }

  private runNext(): void {
    if (this.running || this.timer !== undefined || this.queued.length === 0) return;
    if (this.waitMs > 0 && this.queued.length < this.maxBatch) {
      const wait = this.queued[0].since + this.waitMs - performance.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.runNext();
        }, wait);
        return;
      }
    }
    this.running = true;
    const batch = this.queued.splice(0, this.maxBatch);
    void this.runBatch(batch).finally(() => {
      this.running = false;
      this.runNext();
    });
  }

  private async runBatch(batch: Queued<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map(({ item }) => item));
      batch.forEach((queued, index) => queued.resolve(results[index]));
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    }
  }
}
