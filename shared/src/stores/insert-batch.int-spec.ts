import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../../../test/support/eventually';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { readConfig } from '../config';
import { InsertBatch } from './insert-batch';
import { modelOn } from './mongo-models';

jest.setTimeout(60_000);

const store = new URL(readConfig('insert-batch-int', ['systemMongo']).systemMongo.url);
const DATABASE = `astro_system_test_batch_${randomUUID().slice(0, 8)}`;
const url = new URL(store);
url.pathname = `/${DATABASE}`;

interface Row {
  _id: string;
  value: number;
  note?: string;
}

const rowSchema = new Schema<Row>(
  { _id: String, value: Number, note: String },
  { collection: 'rows', versionKey: false },
);

let connection: Connection;
let rows: Model<Row>;

beforeAll(async () => {
  connection = await mongoose.createConnection(url.toString()).asPromise();
  rows = modelOn(connection, 'Row', rowSchema);
  await rows.createCollection();
});

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

describe('InsertBatch against FerretDB', () => {
  it('writes concurrent inserts in few round trips, each with its own outcome', async () => {
    await rows.create({ _id: 'taken', value: 0 });
    const batch = new InsertBatch(rows);
    const commands: string[] = [];
    connection.set('debug', (_collection: string, method: string) => commands.push(method));
    const outcomes = await Promise.all([
      batch.insert({ _id: 'a', value: 1 }),
      batch.insert({ _id: 'taken', value: 2 }),
      batch.insert({ _id: 'b', value: 3, note: undefined }),
      batch.insert({ _id: 'a', value: 4 }),
      ...Array.from({ length: 40 }, (_, i) => batch.insert({ _id: `n${i}`, value: i })),
    ]);
    connection.set('debug', false);

    expect(outcomes.slice(0, 4)).toEqual(['inserted', 'duplicate', 'inserted', 'duplicate']);
    expect(outcomes.slice(4).every((outcome) => outcome === 'inserted')).toBe(true);
    // The first insert goes alone; all that arrive while it is written go in the next.
    expect(commands).toEqual(['insertMany', 'insertMany']);
    const stored = await rows.find({ _id: { $in: ['a', 'b', 'taken'] } }).lean();
    expect(stored.sort((x, y) => x._id.localeCompare(y._id))).toEqual([
      { _id: 'a', value: 1 },
      // An undefined field is left out, not stored as null.
      { _id: 'b', value: 3 },
      { _id: 'taken', value: 0 },
    ]);
    expect(await rows.countDocuments({ _id: /^n/ })).toBe(40);
  });

  it('with waitMs, writes inserts that arrive within it in one round trip', async () => {
    const batch = new InsertBatch(rows, 100);
    const commands: string[] = [];
    connection.set('debug', (_collection: string, method: string) => commands.push(method));
    const first = batch.insert({ _id: 'w1', value: 1 });
    await sleep(20);
    const outcomes = await Promise.all([first, batch.insert({ _id: 'w2', value: 2 })]);
    connection.set('debug', false);

    expect(outcomes).toEqual(['inserted', 'inserted']);
    expect(commands).toEqual(['insertMany']);
  });

  it('rejects the inserts whose answer was lost: written or not, their fate is unknown', async () => {
    const proxy = await TcpProxy.start({
      host: store.hostname,
      port: Number(store.port || 27017),
    });
    const viaProxy = await mongoose
      .createConnection(`mongodb://127.0.0.1:${proxy.port}/${DATABASE}?directConnection=true`, {
        serverSelectionTimeoutMS: 500,
      })
      .asPromise();
    try {
      const batch = new InsertBatch(modelOn(viaProxy, 'Row', rowSchema));
      proxy.hold();
      const written = batch.insert({ _id: 'answer-lost', value: 1 });
      // Waits behind the first batch, whose answer never comes.
      const waiting = batch.insert({ _id: 'never-sent', value: 2 });
      await sleep(300);
      await proxy.down();
      const outcomes = await Promise.allSettled([written, waiting]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);

      // The held answer goes nowhere: its connection is gone.
      proxy.release();
      await proxy.up();
      await eventually(
        () =>
          viaProxy.db!.command({ ping: 1 }).then(
            () => true,
            () => undefined,
          ),
        { what: 'the store reachable again' },
      );
      expect(await batch.insert({ _id: 'answer-lost', value: 1 })).toBe('duplicate');
      expect(await batch.insert({ _id: 'never-sent', value: 2 })).toBe('inserted');
    } finally {
      await viaProxy.close();
      await proxy.down();
    }
  });
});
