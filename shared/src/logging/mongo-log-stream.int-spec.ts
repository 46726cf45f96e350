import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../../test/support/eventually';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { readConfig } from '../config';
import { createLogger } from '../logger';
import { withCorrelationId } from '../request-context';
import { systemLogModel, type SystemLogRecord } from '../system-store/system-log.model';
import { MongoLogStream, type LogShippingSettings } from './mongo-log-stream';

jest.setTimeout(60_000);

const store = new URL(readConfig('log-shipping-int', ['systemMongo']).systemMongo.url);
const DATABASE = `astro_system_test_logs_${randomUUID().slice(0, 8)}`;

let proxy: TcpProxy;
let reader: Connection;
const streams: MongoLogStream[] = [];
const reports: string[] = [];

function shipper(overrides: Partial<LogShippingSettings> = {}): MongoLogStream {
  const stream = new MongoLogStream(
    {
      service: 'shipping-test',
      url: `mongodb://127.0.0.1:${proxy.port}/${DATABASE}?directConnection=true`,
      batchSize: 50,
      flushIntervalMs: 50,
      maxBufferedLines: 10_000,
      ...overrides,
    },
    (line) => reports.push(line),
  );
  streams.push(stream);
  return stream;
}

const linesOf = (service: string): Promise<SystemLogRecord[]> =>
  systemLogModel(reader)
    .find({ service })
    .sort({ timestamp: 1, _id: 1 })
    .lean<SystemLogRecord[]>()
    .exec();

async function shipped(service: string, count: number): Promise<SystemLogRecord[]> {
  return eventually(
    async () => {
      const lines = await linesOf(service);
      return lines.length >= count ? lines : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: `${count} lines of ${service}` },
  );
}

beforeAll(async () => {
  proxy = await TcpProxy.start({ host: store.hostname, port: Number(store.port || 27017) });
  store.pathname = `/${DATABASE}`;
  reader = await mongoose.createConnection(store.toString()).asPromise();
});

afterAll(async () => {
  await Promise.all(streams.map((stream) => stream.close(500)));
  await proxy.down();
  await reader.dropDatabase();
  await reader.close();
});

describe('MongoLogStream', () => {
  it('ships pino lines in batches with level, service, message, correlation id and context', async () => {
    const stream = shipper();
    const logger = createLogger('ship-fields', { level: 'info', streams: [stream] });
    withCorrelationId('corr-1', () => {
      logger.info({ bookingId: 'b-1', password: 'hunter2' }, 'booking placed');
      logger.warn('seats running low');
    });
    logger.error({ err: new Error('boom') }, 'it broke');

    const lines = await shipped('ship-fields', 3);
    expect(
      lines.map(({ level, message, correlationId }) => ({ level, message, correlationId })),
    ).toEqual([
      { level: 'info', message: 'booking placed', correlationId: 'corr-1' },
      { level: 'warn', message: 'seats running low', correlationId: 'corr-1' },
      { level: 'error', message: 'it broke', correlationId: undefined },
    ]);
    const context = JSON.parse(lines[0].context!) as Record<string, unknown>;
    expect(context).toEqual({ bookingId: 'b-1', password: '[redacted]' });
    expect(JSON.parse(lines[2].context!)).toMatchObject({
      err: { message: 'boom', type: 'Error' },
    });
    expect(lines[0].timestamp).toBeInstanceOf(Date);
  });

  it('keeps lines while the store is briefly down and ships each once when it is back', async () => {
    const stream = shipper();
    await proxy.down();
    const started = performance.now();
    for (let i = 0; i < 1_000; i++)
      stream.write(JSON.stringify({ level: 'info', service: 'ship-outage', msg: `line ${i}` }));
    // Writing never waits for the store.
    expect(performance.now() - started).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(stream.backlog).toBe(1_000);
    await proxy.up();

    const lines = await shipped('ship-outage', 1_000);
    expect(lines).toHaveLength(1_000);
    expect(new Set(lines.map((line) => line.message)).size).toBe(1_000);
    expect(stream.backlog).toBe(0);
  });

  it('connects on its own once a store that was down at its first flush comes up', async () => {
    const stream = shipper({ service: 'ship-late' });
    await proxy.down();
    stream.write(JSON.stringify({ level: 'info', service: 'ship-late', msg: 'before the store' }));
    // Longer than the shipper's server selection timeout: its first connection attempt fails.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await proxy.up();
    stream.write(JSON.stringify({ level: 'info', service: 'ship-late', msg: 'after the store' }));
    const lines = await shipped('ship-late', 2);
    expect(lines.map((line) => line.message)).toEqual(['before the store', 'after the store']);
  });

  it('drops the oldest lines only past its bound, and says how many once the store is back', async () => {
    const stream = shipper({ maxBufferedLines: 100, service: 'ship-bound' });
    await proxy.down();
    for (let i = 0; i < 250; i++)
      stream.write(JSON.stringify({ level: 'info', service: 'ship-bound', msg: `line ${i}` }));
    expect(stream.backlog).toBe(100);
    expect(reports.some((line) => line.includes('dropping the oldest'))).toBe(true);
    await proxy.up();

    const lines = await shipped('ship-bound', 101);
    const messages = lines.map((line) => line.message);
    // The batch already taken when the store went away is kept, and so are the newest lines.
    expect(messages.filter((m) => m.startsWith('line '))).toHaveLength(100);
    expect(lines).toHaveLength(101);
    expect(messages).toContain('line 0');
    expect(messages).toContain('line 249');
    expect(messages).not.toContain('line 100');
    const warning = lines.find((line) => line.message.startsWith('log shipping lost lines'));
    expect(warning).toMatchObject({ level: 'warn' });
    expect(JSON.parse(warning!.context!)).toMatchObject({ dropped: 150, refused: 0 });
  });

  it('ships what is buffered when closed', async () => {
    const stream = shipper({ flushIntervalMs: 60_000, batchSize: 10_000 });
    for (let i = 0; i < 20; i++)
      stream.write(JSON.stringify({ level: 'info', service: 'ship-close', msg: `line ${i}` }));
    await stream.close();
    expect(await linesOf('ship-close')).toHaveLength(20);
  });
});
