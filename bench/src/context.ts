import type { Stack } from '../../test/support/stack';
import type { ScheduledLaunch, Session, SupplierFleet, World } from '../../test/support/world';
import type { Figure } from './figures';

export interface Profile {
  name: 'short' | 'long';
  /** Seconds of load per measurement. */
  durationSec: number;
  /** Gateway and direct measured this many times each, alternating; medians reported. */
  rounds: number;
  /** Concurrent connections of the saturating loads (the "50 concurrent"). */
  connections: number;
  syncSamples: number;
  catalogSize: number;
  emails: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  short: {
    name: 'short',
    durationSec: 3,
    rounds: 1,
    connections: 50,
    syncSamples: 40,
    catalogSize: 100_000,
    emails: 900,
  },
  long: {
    name: 'long',
    durationSec: 15,
    rounds: 3,
    connections: 50,
    syncSamples: 300,
    catalogSize: 100_000,
    emails: 4_500,
  },
};

/** What every benchmark gets: the running stack and a world built in it. */
export interface BenchContext {
  stack: Stack;
  profile: Profile;
  world: World;
  employee: Session;
  /** An OPERATOR: the only role that may read all four subgraphs in one query. */
  operator: Session;
  customers: Session[];
  fleet: SupplierFleet;
  spaceportId: string;
  /** Launches on sale in the customer read model, with room for every booking. */
  launches: ScheduledLaunch[];
  log(line: string): void;
}

export type Benchmark = (context: BenchContext) => Promise<Figure[]>;
