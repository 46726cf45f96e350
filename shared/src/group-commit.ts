interface Queued<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Calls from concurrent jobs, run together (group commit): while one batch
 * runs, the items that arrive wait and go together in the next. Alone, an item
 * waits for nothing; under load one round trip serves many. `run` answers one
 * result per item, in order; when it fails, every item of the batch fails with
 * it (and its job is retried).
 */
export class GroupCommit<T, R> {
  private readonly queued: Queued<T, R>[] = [];
  private running = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    /** The most items one run takes. */
    private readonly maxBatch = 100,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      this.runNext();
    });
  }

  private runNext(): void {
    if (this.running || this.queued.length === 0) return;
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
