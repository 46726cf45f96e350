import {
  destinationKey,
  type CatalogChange,
  isDuplicateKeyError,
  type LaunchStatusValue,
  type LaunchViewModel,
  type LaunchViewRecord,
} from '@astrobookings/shared';

/** A launch as PostgreSQL has it, from an outbox snapshot or a read of the table. */
export interface LaunchState {
  id: string;
  supplierId: string;
  rocketId: string;
  mission: string;
  destination: string;
  scheduledAt: Date;
  status: LaunchStatusValue;
  statusReason: string | null;
  pricePerSeat: number;
  currency: string;
  seatCapacity: number;
  seatsAvailable: number;
  spaceport: { id: string; name: string; location: string };
}

export type LaunchCopy = Pick<LaunchViewRecord, '_id' | 'syncedAt' | 'rocketName'> & LaunchFields;
type LaunchFields = Omit<LaunchViewRecord, '_id' | 'version' | 'syncedAt' | 'rocketName'>;

function fieldsOf(state: LaunchState): LaunchFields {
  return {
    supplierId: state.supplierId,
    rocketId: state.rocketId,
    mission: state.mission,
    destination: state.destination,
    destinationKey: destinationKey(state.destination),
    scheduledAt: state.scheduledAt,
    status: state.status,
    statusReason: state.statusReason,
    pricePerSeat: state.pricePerSeat,
    currency: state.currency,
    seatCapacity: state.seatCapacity,
    seatsAvailable: state.seatsAvailable,
    spaceport: state.spaceport,
  };
}

/** The fields the reconciliation sweep compares. */
export function launchDrift(copy: LaunchCopy | undefined, state: LaunchState, rocketName: string) {
  if (copy === undefined) return true;
  const want = { ...fieldsOf(state), rocketName };
  return (Object.keys(want) as (keyof typeof want)[]).some(
    (key) => JSON.stringify(copy[key]) !== JSON.stringify(want[key]),
  );
}

interface NextWrite {
  state: LaunchState;
  version: number;
  now: Date;
  done: Promise<boolean>;
  settle: (applied: Promise<boolean>) => void;
}

/**
 * The launches of the customer store, as the sync worker keeps them. Each copy
 * carries the id of the outbox event it came from: events apply only in order,
 * so one that arrives late never undoes a newer one.
 *
 * Every booking event carries its launch, so a burst of bookings would write one
 * document hundreds of times; instead one write per launch runs at a time and
 * the states that arrive meanwhile wait for a single next write of the newest.
 */
export class LaunchCopies {
  private readonly writes = new Map<string, { next?: NextWrite }>();

  constructor(
    private readonly launches: LaunchViewModel,
    /** Told after each write, for the Customer subgraphs' in-memory catalogs. */
    private readonly announce: (change: CatalogChange) => Promise<void> = () => Promise.resolve(),
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.launches.createIndexes();
  }

  /** Applies a launch's state from event `version`; false when a newer one was applied. */
  apply(state: LaunchState, version: number, now: Date): Promise<boolean> {
    const running = this.writes.get(state.id);
    if (running === undefined) {
      const slot: { next?: NextWrite } = {};
      this.writes.set(state.id, slot);
      return this.writeAndContinue(state.id, slot, this.write(state, version, now));
    }
    if (running.next === undefined) {
      let settle!: (applied: Promise<boolean>) => void;
      const done = new Promise<boolean>((resolve, reject) => {
        settle = (applied) => {
          void applied.then(resolve, reject);
        };
      });
      running.next = { state, version, now, done, settle };
    } else if (version > running.next.version) {
      Object.assign(running.next, { state, version, now });
    }
    return running.next.done;
  }

  private writeAndContinue(
    id: string,
    slot: { next?: NextWrite },
    write: Promise<boolean>,
  ): Promise<boolean> {
    void write
      .catch(() => false)
      .then(() => {
        const next = slot.next;
        if (next === undefined) {
          this.writes.delete(id);
          return;
        }
        slot.next = undefined;
        next.settle(
          this.writeAndContinue(id, slot, this.write(next.state, next.version, next.now)),
        );
      });
    return write;
  }

  private async write(state: LaunchState, version: number, now: Date): Promise<boolean> {
    try {
      const result = await this.launches
        .updateOne(
          { _id: state.id, version: { $lt: version } },
          {
            $set: { ...fieldsOf(state), version, syncedAt: now },
            $setOnInsert: { rocketName: null },
          },
          { upsert: true },
        )
        .exec();
      const applied = result.modifiedCount + result.upsertedCount > 0;
      if (applied) await this.announce({ kind: 'launch', id: state.id });
      return applied;
    } catch (error) {
      // The copy exists with a newer version, so the upsert's insert hit its _id.
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Seat counts from event `version` (waitlist holds), when the copy has nothing newer. */
  async applySeats(
    launchId: string,
    seats: { seatCapacity: number; seatsAvailable: number },
    version: number,
    now: Date,
  ): Promise<boolean> {
    const result = await this.launches
      .updateOne(
        { _id: launchId, version: { $lt: version } },
        { $set: { ...seats, version, syncedAt: now } },
      )
      .exec();
    if (result.modifiedCount > 0) await this.announce({ kind: 'launch', id: launchId });
    return result.modifiedCount > 0;
  }

  /** Rocket names are read from PostgreSQL when a launch changes, so they are always current. */
  async setRocketName(launchId: string, rocketName: string): Promise<void> {
    const result = await this.launches
      .updateOne({ _id: launchId }, { $set: { rocketName } })
      .exec();
    if (result.modifiedCount > 0) await this.announce({ kind: 'launch', id: launchId });
  }

  async renameRocket(rocketId: string, rocketName: string): Promise<number> {
    const result = await this.launches.updateMany({ rocketId }, { $set: { rocketName } }).exec();
    if (result.modifiedCount > 0)
      await this.announce({ kind: 'rocket', id: rocketId, name: rocketName });
    return result.modifiedCount;
  }

  async updateSpaceport(spaceport: {
    id: string;
    name: string;
    location: string;
  }): Promise<number> {
    const result = await this.launches
      .updateMany({ 'spaceport.id': spaceport.id }, { $set: { spaceport } })
      .exec();
    if (result.modifiedCount > 0) await this.announce({ kind: 'spaceport', ...spaceport });
    return result.modifiedCount;
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, LaunchCopy>> {
    const records = await this.launches
      .find({ _id: { $in: [...ids] } }, { version: 0 })
      .lean<LaunchCopy[]>()
      .exec();
    return new Map(records.map((record) => [record._id, record]));
  }

  /**
   * Overwrites a copy that drifted from PostgreSQL, unless the sync worker wrote it
   * since it was read (`seen`): then that newer write stands. Its version stays, so
   * later events still apply.
   */
  async repair(
    state: LaunchState,
    rocketName: string,
    seen: LaunchCopy | undefined,
    now: Date,
  ): Promise<boolean> {
    const fields = { ...fieldsOf(state), rocketName, syncedAt: now };
    if (seen === undefined) {
      try {
        await this.launches.create({ _id: state.id, ...fields, version: 0 });
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
      await this.announce({ kind: 'launch', id: state.id });
      return true;
    }
    const result = await this.launches
      .updateOne({ _id: state.id, syncedAt: seen.syncedAt }, { $set: fields })
      .exec();
    if (result.modifiedCount > 0) await this.announce({ kind: 'launch', id: state.id });
    return result.modifiedCount > 0;
  }
}
