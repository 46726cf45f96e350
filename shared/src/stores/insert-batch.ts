import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './mongo-models';

/** What became of one document: stored, or refused by a unique index. */
export type InsertOutcome = 'inserted' | 'duplicate';

interface QueuedInsert {
  document: object;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

/** Each document alone; as given; undefined fields left out (the driver would store null). */
const INSERT_OPTIONS = {
  ordered: false,
  rawResult: true,
  lean: true,
  ignoreUndefined: true,
} as const;

/** The most documents one insertMany carries. */
const MAX_BATCH = 200;

/**
 * Inserts into one collection for many concurrent callers, as one insertMany
 * per round trip (group commit): while a batch is being written, the documents
 * that arrive wait and go together in the next. Alone, an insert waits for
 * nothing; under load each FerretDB round trip carries many documents.
 *
 * ordered: false, so every document succeeds or fails on its own: FerretDB v1
 * writes the batch at once and, when that fails, retries its documents one by
 * one, reporting a duplicate key per document. Only the unique-index refusal
 * is an outcome; any other failure rejects the documents it concerns.
 *
 * Documents go as given (lean: mongoose neither casts, validates, fills
 * defaults nor stamps times — most of the cost of an insert on the caller's
 * side): callers pass complete, typed documents.
 */
export class InsertBatch<T extends object> {
  private readonly queued: QueuedInsert[] = [];
  private writing = false;

  constructor(private readonly model: Model<T>) {}

  insert(document: T): Promise<InsertOutcome> {
    return new Promise<InsertOutcome>((resolve, reject) => {
      this.queued.push({ document, resolve, reject });
      this.writeNext();
    });
  }

  private writeNext(): void {
    if (this.writing || this.queued.length === 0) return;
    this.writing = true;
    const batch = this.queued.splice(0, MAX_BATCH);
    void this.write(batch).finally(() => {
      this.writing = false;
      this.writeNext();
    });
  }

  private async write(batch: QueuedInsert[]): Promise<void> {
    let results: unknown[];
    try {
      const written = await this.model.insertMany(
        batch.map((queued) => queued.document),
        INSERT_OPTIONS,
      );
      results = written.mongoose?.results ?? [];
    } catch (error) {
      // Only the store's full answer tells each document's fate: a count of those
      // inserted and an error for each of the others. The driver reports a lost
      // connection as a bulk write error too, with no per-document errors; then
      // every document may or may not have been written.
      const failure = error as {
        writeErrors?: unknown[];
        insertedCount?: number;
        results?: unknown[];
      };
      const refused = failure.writeErrors?.length ?? 0;
      if (
        refused === 0 ||
        failure.results === undefined ||
        (failure.insertedCount ?? 0) + refused !== batch.length
      ) {
        for (const queued of batch) queued.reject(error);
        return;
      }
      results = failure.results;
    }
    batch.forEach((queued, index) => {
      const result = results[index];
      if (result === queued.document) queued.resolve('inserted');
      else if (isDuplicateKeyError(result)) queued.resolve('duplicate');
      else queued.reject(insertError(result));
    });
  }
}

/** A driver's write error (not an Error) made into one. */
function insertError(result: unknown): Error {
  const { code, errmsg } = (result ?? {}) as { code?: number; errmsg?: string };
  return Object.assign(new Error(errmsg ?? 'the insert was not acknowledged'), { code });
}
