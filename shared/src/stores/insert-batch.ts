import type { Model } from 'mongoose';
import { GroupCommit } from '../group-commit';
import { isDuplicateKeyError } from './mongo-models';

/** What became of one document: stored, or refused by a unique index. */
export type InsertOutcome = 'inserted' | 'duplicate';

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
 * nothing, or `waitMs` for company; under load each FerretDB round trip
 * carries many documents. A round trip costs FerretDB, PostgreSQL and the
 * driver about as much CPU as ten more documents in it, so a few milliseconds'
 * wait is cheap where documents arrive a few milliseconds apart.
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
  private readonly batches: GroupCommit<T, InsertOutcome | Error>;

  constructor(
    private readonly model: Model<T>,
    /** How long a document waits for others to share its round trip (see GroupCommit). */
    waitMs = 0,
  ) {
    this.batches = new GroupCommit((documents) => this.write(documents), MAX_BATCH, waitMs);
  }

  async insert(document: T): Promise<InsertOutcome> {
    const outcome = await this.batches.submit(document);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /** Each document's outcome, or its own error; throws when the batch's fate is unknown. */
  private async write(batch: T[]): Promise<(InsertOutcome | Error)[]> {
    let results: unknown[];
    try {
      const written = await this.model.insertMany(batch, INSERT_OPTIONS);
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
        throw error;
      }
      results = failure.results;
    }
    return batch.map((document, index) => {
      const result = results[index];
      if (result === document) return 'inserted';
      if (isDuplicateKeyError(result)) return 'duplicate';
      return insertError(result);
    });
  }
}

/** A driver's write error (not an Error) made into one. */
function insertError(result: unknown): Error {
  const { code, errmsg } = (result ?? {}) as { code?: number; errmsg?: string };
  return Object.assign(new Error(errmsg ?? 'the insert was not acknowledged'), { code });
}
