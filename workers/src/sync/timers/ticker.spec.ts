import { createLogger } from '@astrobookings/shared';
import { Ticker } from './ticker';

const logger = createLogger('ticker-test', { level: 'silent' });
const HOUR_MS = 3_600_000;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('Ticker', () => {
  it('runs at once when asked between runs, instead of waiting for the interval', async () => {
    let runs = 0;
    const ticker = new Ticker('test', HOUR_MS, () => Promise.resolve(runs++), logger);
    ticker.start();
    await until(() => runs === 1);
    ticker.runNow();
    await until(() => runs === 2);
    await ticker.stop();
    expect(runs).toBe(2);
  });

  it('runs once more right after the run in progress when asked during it, never overlapping', async () => {
    let runs = 0;
    let active = 0;
    let overlapped = false;
    const gates = [deferred(), deferred()];
    const ticker = new Ticker(
      'test',
      HOUR_MS,
      async () => {
        overlapped ||= active > 0;
        active++;
        await gates[runs++]?.promise;
        active--;
      },
      logger,
    );
    ticker.start();
    await until(() => runs === 1);
    ticker.runNow();
    ticker.runNow();
    gates[0].resolve();
    await until(() => runs === 2);
    gates[1].resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ticker.stop();
    expect({ runs, overlapped }).toEqual({ runs: 2, overlapped: false });
  });

  it('does nothing when asked after it stopped', async () => {
    let runs = 0;
    const ticker = new Ticker('test', HOUR_MS, () => Promise.resolve(runs++), logger);
    ticker.start();
    await until(() => runs === 1);
    await ticker.stop();
    ticker.runNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(1);
  });
});
