import { catalogChannel, destinationKey, LAUNCH_VIEWS_COLLECTION } from '@astrobookings/shared';
import { Redis } from 'ioredis';
import os from 'node:os';
import { eventually } from '../../test/support/eventually';
import mongoose from 'mongoose';
import { connectPostgres } from '../../scripts/lib/postgres';
import { call, OPERATIONS } from '../../test/support/world';
import type { BenchContext, Benchmark } from './context';
import { graphqlBody, load } from './load';

export const DESTINATIONS = [
  'Lunar orbit',
  'Low Earth orbit',
  'Mars transfer',
  'Sun-synchronous orbit',
  'Geostationary orbit',
  'Lagrange point L1',
  'Lagrange point L2',
  'Venus flyby',
  'Suborbital hop',
  'Lunar surface',
];
const INSERT_BATCH = 5_000;
/** Searches per second of the steady load: busy for two cores, fixed so runs compare. */
const STEADY_RATE = 200;

interface SeededLaunch {
  id: string;
  mission: string;
  destination: string;
  scheduled_at: Date;
  status: 'SCHEDULED' | 'DELAYED' | 'CANCELLED';
  price_per_seat: number;
  seat_capacity: number;
}

/**
 * The sync worker's reconciliation sweep may copy some of the new rows first:
 * those copies are the same, so their duplicate-key refusals are not errors.
 */
async function insertIgnoringCopies(
  views: mongoose.mongo.Collection,
  documents: Record<string, unknown>[],
): Promise<void> {
  try {
    await views.insertMany(documents, { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
    if (writeErrors === undefined || writeErrors.some((failure) => failure.code !== 11000)) {
      throw error;
    }
  }
}

/**
 * `count` launches of the world's supplier, written as the system would hold
 * them: rows in PostgreSQL and their copies in the Customer read model (the
 * sync worker would take minutes to copy this many one event at a time, which
 * is not what this figure is about). Departures spread over two years, one in
 * twenty delayed and one in twenty cancelled.
 */
async function seedCatalog(context: BenchContext, count: number): Promise<void> {
  const { stack, fleet, spaceportId } = context;
  const db = await connectPostgres(stack.env.DATABASE_URL!);
  let rows: SeededLaunch[];
  try {
    const result = await db.query<SeededLaunch>(
      `INSERT INTO launches (supplier_id, rocket_id, spaceport_id, mission, destination, scheduled_at,
                             price_per_seat, currency, seat_capacity, status, updated_at)
       SELECT $1, $2, $3, 'Catalog ' || g, ($4::text[])[1 + g % array_length($4::text[], 1)],
              now() + interval '1 day' + (g * interval '10 minutes'),
              100000 + (g % 50) * 10000, 'EUR', 10 + g % 90,
              (CASE WHEN g % 20 = 0 THEN 'DELAYED' WHEN g % 20 = 1 THEN 'CANCELLED' ELSE 'SCHEDULED' END)::"LaunchStatus",
              now()
       FROM generate_series(1, $5::int) AS g
       RETURNING id, mission, destination, scheduled_at, status, price_per_seat, seat_capacity`,
      [fleet.supplierId, fleet.rocketId, spaceportId, DESTINATIONS, count],
    );
    rows = result.rows;
    const port = await db.query<{ name: string; location: string }>(
      'SELECT name, location FROM spaceports WHERE id = $1',
      [spaceportId],
    );
    const rocket = await db.query<{ name: string }>('SELECT name FROM rockets WHERE id = $1', [
      fleet.rocketId,
    ]);
    const connection = await mongoose.createConnection(stack.env.CUSTOMER_MONGO_URL!).asPromise();
    try {
      const views = connection.collection(LAUNCH_VIEWS_COLLECTION);
      const now = new Date();
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await insertIgnoringCopies(
          views,
          rows.slice(i, i + INSERT_BATCH).map((row) => ({
            _id: row.id as unknown as mongoose.Types.ObjectId,
            supplierId: fleet.supplierId,
            rocketId: fleet.rocketId,
            rocketName: rocket.rows[0].name,
            mission: row.mission,
            destination: row.destination,
            destinationKey: destinationKey(row.destination),
            scheduledAt: row.scheduled_at,
            status: row.status,
            statusReason: row.status === 'SCHEDULED' ? null : 'catalog seed',
            pricePerSeat: row.price_per_seat,
            currency: 'EUR',
            seatCapacity: row.seat_capacity,
            seatsAvailable: row.seat_capacity,
            spaceport: { id: spaceportId, ...port.rows[0] },
            version: 0,
            syncedAt: now,
          })),
        );
      }
    } finally {
      await connection.close();
    }
  } finally {
    await db.end();
  }
}

/**
 * A bulk import is announced the way the sync worker announces its writes,
 * asking the Customer subgraphs to read their catalog again; searching starts
 * once they count every seeded launch.
 */
async function untilSearchable(context: BenchContext, seeded: number): Promise<void> {
  const { stack } = context;
  const redis = new Redis(stack.env.REDIS_URL!);
  try {
    await redis.publish(
      catalogChannel(stack.env.REDIS_KEY_PREFIX!),
      JSON.stringify({ kind: 'reload' }),
    );
  } finally {
    redis.disconnect();
  }
  const expected = seeded - seeded / 20 + context.launches.length;
  await eventually(
    async () => {
      const data = await call<{ launches: { totalCount: number } }>(
        stack.urls.gateway,
        'query Count { launches(first: 1) { totalCount } }',
        {},
        { token: context.customers[0].accessToken },
      );
      return data.launches.totalCount >= expected ? true : undefined;
    },
    {
      timeoutMs: 600_000,
      intervalMs: 2_000,
      what: `the catalog to count ${expected} launches on sale`,
    },
  );
}

/** What customers search by: a destination, a departure window, a spaceport, or nothing; first pages and later ones. */
function searchVariants(context: BenchContext) {
  const day = 86_400_000;
  const filters: Record<string, unknown>[] = [
    {},
    ...DESTINATIONS.map((destination) => ({ destination })),
    ...[30, 90, 200, 400].map((offset) => ({
      from: new Date(Date.now() + offset * day).toISOString(),
      to: new Date(Date.now() + (offset + 14) * day).toISOString(),
    })),
    { spaceportId: context.spaceportId },
    { destination: 'Lunar orbit', from: new Date(Date.now() + 100 * day).toISOString() },
  ];
  return filters.map((filter) => ({
    body: graphqlBody(OPERATIONS.launches, { filter, first: 20 }),
    token: context.customers[0].accessToken,
  }));
}

/**
 * Launch search over the seeded catalog through the gateway: p99 at a steady
 * rate from 50 connections (the target: a latency only means something below
 * saturation), and the most it sustains with 50 connections.
 */
export const catalogSearch: Benchmark = async (context) => {
  const { profile, stack } = context;
  const started = performance.now();
  await seedCatalog(context, profile.catalogSize);
  context.log(
    `catalog: ${profile.catalogSize} launches seeded in ${Math.round((performance.now() - started) / 1000)} s`,
  );
  await untilSearchable(context, profile.catalogSize);
  context.log(
    `catalog: searchable after ${Math.round((performance.now() - started) / 1000)} s (load ${os.loadavg()[0].toFixed(2)})`,
  );
  const variants = searchVariants(context);
  const saturated = await load({
    url: stack.urls.gateway,
    connections: profile.connections,
    durationSec: profile.durationSec,
    variants,
  });
  const rate = STEADY_RATE;
  const steady = await load({
    url: stack.urls.gateway,
    connections: profile.connections,
    durationSec: profile.durationSec,
    rate,
    variants,
  });
  for (const result of [saturated, steady]) {
    if (result.graphqlErrors + result.non2xx + result.transportErrors > 0) {
      throw new Error(`search failed: ${result.sampleError ?? 'transport errors'}`);
    }
  }
  const size = `${Math.round(profile.catalogSize / 1000)}k launches`;
  return [
    {
      name: `launch search over ${size}: p99 under steady load`,
      value: steady.latency.p99,
      unit: 'ms',
      target: { op: '<', value: 30 },
      note: `${rate} req/s from ${profile.connections} connections; p50 ${steady.latency.p50} ms`,
    },
    {
      name: `launch search over ${size}: saturated`,
      value: saturated.throughput,
      unit: 'req/s',
      note: `${profile.connections} connections: p50 ${saturated.latency.p50} ms, p99 ${saturated.latency.p99} ms`,
    },
  ];
};
