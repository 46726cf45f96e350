import { LAUNCH_VIEWS_COLLECTION } from '@astrobookings/shared';
import mongoose from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Benchmark } from './context';
import { percentile } from './stats';

const POLL_MS = 5;
/** Changes per second: a steady trickle, each measured on its own. */
const CHANGE_RATE = 20;
const GIVE_UP_MS = 30_000;

/**
 * From a committed PostgreSQL change (a launch scheduled through the Admin
 * subgraph: committed when it answers) until the Customer read model has it,
 * watched by polling the customer store every few milliseconds. The detection
 * time is when the poll that saw it returned, so the figure errs high.
 */
export const syncLag: Benchmark = async (context) => {
  const { profile } = context;
  const connection = await mongoose
    .createConnection(context.stack.env.CUSTOMER_MONGO_URL!, { maxPoolSize: 2 })
    .asPromise();
  const views = connection.collection<{ _id: string }>(LAUNCH_VIEWS_COLLECTION);
  const committedAt = new Map<string, number>();
  const lags: number[] = [];
  let producing = true;
  const poller = (async () => {
    const deadline = () => Date.now() + GIVE_UP_MS;
    let giveUpAt = deadline();
    while (producing || committedAt.size > 0) {
      if (committedAt.size > 0) {
        const found = await views
          .find({ _id: { $in: [...committedAt.keys()] } }, { projection: { _id: 1 } })
          .toArray();
        const seenAt = performance.now();
        for (const { _id } of found) {
          lags.push(seenAt - committedAt.get(_id)!);
          committedAt.delete(_id);
        }
        if (found.length > 0) giveUpAt = deadline();
      }
      if (Date.now() > giveUpAt) break;
      await sleep(POLL_MS);
    }
  })();
  try {
    for (let i = 0; i < profile.syncSamples; i++) {
      const started = performance.now();
      const launch = await context.world.scheduleLaunch(context.fleet, context.spaceportId, {
        daysAhead: 60 + i,
      });
      committedAt.set(launch.id, performance.now());
      await sleep(Math.max(0, 1000 / CHANGE_RATE - (performance.now() - started)));
    }
  } finally {
    producing = false;
    await poller;
    await connection.close();
  }
  const sorted = lags.sort((a, b) => a - b);
  const missing = profile.syncSamples - sorted.length;
  const note = `${sorted.length} launches scheduled at ${CHANGE_RATE}/s${missing > 0 ? `, ${missing} never arrived` : ''}`;
  return [
    {
      name: 'sync lag PostgreSQL → Customer read model: p50',
      value: missing > 0 ? undefined : percentile(sorted, 50),
      unit: 'ms',
      note,
    },
    {
      name: 'sync lag PostgreSQL → Customer read model: p99',
      value: missing > 0 ? undefined : percentile(sorted, 99),
      unit: 'ms',
      target: { op: '<', value: 250 },
      note: `max ${Math.round(sorted.at(-1) ?? 0)} ms`,
    },
  ];
};
