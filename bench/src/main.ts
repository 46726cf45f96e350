import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import { builtProcesses } from '../../scripts/processes';
import { TestSmtpServer } from '../../test/support/smtp';
import { stackPorts, startStack, type Stack } from '../../test/support/stack';
import { World, WORLD_ENV } from '../../test/support/world';
import { bookingEndToEnd } from './booking';
import { catalogSearch } from './catalog';
import { PROFILES, type BenchContext, type Benchmark, type Profile } from './context';
import { emailThroughput } from './emails';
import { renderTable, type Figure } from './figures';
import { fourSubgraphOverhead, launchSearchOverhead } from './gateway-overhead';
import { login } from './login';
import { RssSampler } from './rss';
import { settle } from './settle';
import { stealMeter } from './steal';
import { syncLag } from './sync-lag';

/**
 * `npm run bench [-- --long] [-- --only=name,…]`: the system's processes on
 * their own ports and databases, loaded from separate processes, one table of
 * figures with the targets.
 */

const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 5800);
const CUSTOMERS = 20;
const LAUNCHES = 10;
const MEGABYTE = 1024 * 1024;

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function machineLoad(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function parseArguments(argv: string[]): { profile: Profile; only?: Set<string> } {
  const long = argv.includes('--long') || process.env.BENCH_PROFILE === 'long';
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  return {
    profile: long ? PROFILES.long : PROFILES.short,
    only: only ? new Set(only.split(',')) : undefined,
  };
}

async function buildWorld(stack: Stack, profile: Profile): Promise<BenchContext> {
  const world = new World(stack.urls.gateway);
  const employee = await world.employee();
  const operator = await world.staff(employee, 'OPERATOR');
  const spaceportId = await world.spaceport(employee);
  const fleet = await world.supplier(employee);
  const launches = [];
  for (let i = 0; i < LAUNCHES; i++) {
    launches.push(await world.scheduleLaunch(fleet, spaceportId, { daysAhead: 20 + i }));
  }
  const customers = await world.customers(CUSTOMERS);
  await world.untilOnSale(
    launches.map((launch) => launch.id),
    customers[0].accessToken,
  );
  return {
    stack,
    profile,
    world,
    employee,
    operator,
    customers,
    fleet,
    spaceportId,
    launches,
    log,
  };
}

async function main(): Promise<void> {
  const { profile, only } = parseArguments(process.argv.slice(2));
  const { missing } = builtProcesses();
  if (missing.length > 0)
    log(`not built, left out: ${missing.map((spec) => spec.name).join(', ')}`);
  const loadBefore = machineLoad();
  const stolenOverall = stealMeter();
  log(`profile ${profile.name}; machine load ${loadBefore} (${os.cpus().length} cores)`);

  const smtp = await TestSmtpServer.start();
  const stack = await startStack({
    // Its own databases and keys per port base, so two runs (say, two checkouts) never meet.
    name: `bench_${PORT_BASE}`,
    portBase: PORT_BASE,
    env: {
      ...WORLD_ENV,
      // Measured as deployed: production mode (graphql-js, Express and the config's rules).
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }) as string,
      GATEWAY_PUBLIC_URL: `http://127.0.0.1:${stackPorts(PORT_BASE).gateway}/graphql`,
      SMTP_URL: smtp.url,
      // Many requests come from one customer here; the limiter still runs, it only never refuses.
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  const figures: Figure[] = [];
  const rss = new RssSampler(stack.baseUrls);
  try {
    const context = await buildWorld(stack, profile);
    log('world built');
    rss.start();
    const benchmarks: [string, Benchmark][] = [
      ['search-overhead', launchSearchOverhead],
      ['span-overhead', fourSubgraphOverhead],
      ['booking', bookingEndToEnd],
      ['sync-lag', syncLag],
      ['login', login],
      ['emails', emailThroughput(smtp)],
      ['catalog', catalogSearch],
    ];
    for (const [name, benchmark] of benchmarks) {
      if (only !== undefined && !only.has(name)) continue;
      const settled = await settle(stack);
      if (settled > 1_000) log(`waited ${(settled / 1000).toFixed(1)} s for the last backlog`);
      const started = performance.now();
      const stolen = stealMeter();
      try {
        figures.push(...(await benchmark(context)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`${name} failed: ${message}`);
        figures.push({
          name,
          value: undefined,
          unit: '',
          note: `failed: ${message.slice(0, 200)}`,
        });
      }
      const peaks = [...rss.takeWindow()]
        .map(([process, bytes]) => `${process} ${Math.round(bytes / MEGABYTE)}`)
        .join(', ');
      log(
        `${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s, load ${machineLoad()}, CPU stolen by other guests ${stolen()}; RSS peaks (MB): ${peaks}`,
      );
    }
  } finally {
    rss.stop();
    await stack.stop();
    await smtp.stop();
  }
  for (const [name, bytes] of rss.peaksInBytes()) {
    figures.push({
      name: `RSS ${name} (peak under load)`,
      value: bytes / MEGABYTE,
      unit: 'MB',
      target: { op: '<', value: 200 },
    });
  }
  process.stdout.write(
    `\nAstroBookings benchmarks — profile ${profile.name}, ${os.cpus().length} cores, ` +
      `load average ${loadBefore} before, ${machineLoad()} after, CPU stolen by other guests ${stolenOverall()}, ` +
      `${new Date().toISOString()}\n\n` +
      `${renderTable(figures)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
