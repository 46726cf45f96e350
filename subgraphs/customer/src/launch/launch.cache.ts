import {
  ON_SALE_STATUSES,
  parseCatalogChange,
  type CatalogChange,
  type LaunchViewModel,
  type Logger,
} from '@astrobookings/shared';
import type { Redis } from 'ioredis';
import {
  LaunchViewRepository,
  type LaunchKey,
  type LaunchView,
  type SaleFilter,
} from './launch.repository';

export interface CatalogSettings {
  /** How often the whole catalog is read again, in case an announcement was lost. */
  reloadMs: number;
  /** How long an answer about the catalog may be reused, at most (its Cache-Control max-age). */
  maxAgeSeconds: number;
}

/** A count stays this long: launches leaving sale by departing may take that long to leave it. */
const COUNT_TTL_MS = 1_000;
/** Before an announcement whose launch could not be read is read again. */
const RETRY_MS = 1_000;

function compare(a: LaunchKey, b: LaunchKey): number {
  const byTime = a.scheduledAt.getTime() - b.scheduledAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The index of the first launch for which `before` is false (launches are sorted by departure, id). */
function firstNotBefore(sorted: readonly LaunchView[], before: (launch: LaunchView) => boolean) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(sorted[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}

function matches(launch: LaunchView, filter: SaleFilter): boolean {
  return (
    (filter.destinationKey === undefined || launch.destinationKey === filter.destinationKey) &&
    (filter.spaceportId === undefined || launch.spaceport.id === filter.spaceportId)
  );
}

/**
 * The launches on sale, held in memory and kept current by the sync worker's
 * catalog announcements; anything else is read from the customer store.
 *
 * Why: FerretDB, this project's MongoDB in development and tests, pushes
 * neither range filters, `$in` nor sorts down to PostgreSQL. Over 100,000
 * launches one page of `launches` took 20–60 s and its count as long; from
 * memory both take well under a millisecond. Until the first load completes,
 * and for launches not on sale, the store answers as before.
 */
export class CachedLaunchViewRepository extends LaunchViewRepository {
  private byId = new Map<string, LaunchView>();
  /** By departure, then id: the order of `launches` and its cursors. */
  private sorted: LaunchView[] = [];
  private loaded = false;
  /** Bumped by every full load: a read that began before one must not overwrite it. */
  private generation = 0;
  /** Bumped by every announced change applied: a read-through that began before must not undo it. */
  private changes = 0;
  private readonly pending = new Set<string>();
  private draining?: Promise<void>;
  private reloading?: Promise<void>;
  private readonly counts = new Map<string, { count: number; at: number }>();
  private timer?: NodeJS.Timeout;
  /**
   * One copy of each value many launches share (destinations, statuses,
   * rockets, spaceports): 100,000 launches take about half the memory. Each
   * full load starts a new one, so values no launch holds any more go with it.
   */
  private shared = new Map<string, unknown>();

  constructor(
    model: LaunchViewModel,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly settings: CatalogSettings,
    private readonly logger: Logger,
    /** Called after changes were applied: answers given before may be out of date. */
    private readonly applied: () => void,
  ) {
    super(model);
  }

  /** Listens for announcements and starts the first load (the store answers meanwhile). */
  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const change = parseCatalogChange(message);
      if (change !== undefined) this.apply(change);
    });
    // After a reconnect, announcements sent meanwhile are lost: read everything again.
    let connected = this.subscriber.status === 'ready';
    this.subscriber.on('ready', () => {
      if (connected) void this.reload();
      connected = true;
    });
    await this.subscriber.subscribe(this.channel);
    this.timer = setInterval(() => void this.reload(), this.settings.reloadMs);
    this.timer.unref();
    void this.reload();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads the whole catalog again; concurrent calls share one read. */
  reload(): Promise<void> {
    this.reloading ??= this.load().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  override findById(id: string): Promise<LaunchView | undefined> {
    const launch = this.byId.get(id);
    return launch === undefined ? this.readThrough(id) : Promise.resolve(launch);
  }

  override async findByIds(ids: readonly string[]): Promise<Map<string, LaunchView>> {
    const found = new Map<string, LaunchView>();
    const missing: string[] = [];
    for (const id of ids) {
      const launch = this.byId.get(id);
      if (launch === undefined) missing.push(id);
      else found.set(id, launch);
    }
    // One by id: FerretDB answers `_id` lookups from an index but scans for `$in`.
    const read = await Promise.all(missing.map((id) => this.readThrough(id)));
    read.forEach((launch) => launch !== undefined && found.set(launch.id, launch));
    return found;
  }

  override pageOnSale(
    filter: SaleFilter,
    now: Date,
    limit: number,
    after: LaunchKey | undefined,
  ): Promise<LaunchView[]> {
    if (!this.loaded) return super.pageOnSale(filter, now, limit, after);
    const page: LaunchView[] = [];
    const sorted = this.sorted;
    let index = this.firstOnSale(filter, now);
    if (after !== undefined) {
      index = Math.max(
        index,
        firstNotBefore(sorted, (launch) => compare(launch, after) <= 0),
      );
    }
    for (; index < sorted.length && page.length < limit; index++) {
      const launch = sorted[index];
      if (filter.to !== undefined && launch.scheduledAt > filter.to) break;
      if (matches(launch, filter)) page.push(launch);
    }
    return Promise.resolve(page);
  }

  /** Until the next departure takes a launch off sale; announced changes end it sooner. */
  override unchangedForMs(now: Date): number {
    if (!this.loaded) return 0;
    const next = this.sorted[this.firstOnSale({}, now)];
    return next === undefined ? Infinity : next.scheduledAt.getTime() - now.getTime();
  }

  override countOnSale(filter: SaleFilter, now: Date): Promise<number> {
    if (!this.loaded) return super.countOnSale(filter, now);
    const key = JSON.stringify(filter);
    const cached = this.counts.get(key);
    if (cached !== undefined && now.getTime() - cached.at < COUNT_TTL_MS) {
      return Promise.resolve(cached.count);
    }
    let count = 0;
    const sorted = this.sorted;
    for (let index = this.firstOnSale(filter, now); index < sorted.length; index++) {
      const launch = sorted[index];
      if (filter.to !== undefined && launch.scheduledAt > filter.to) break;
      if (matches(launch, filter)) count++;
    }
    this.counts.set(key, { count, at: now.getTime() });
    return Promise.resolve(count);
  }

  /**
   * A launch the catalog lacks, from the store; one on sale joins the catalog,
   * so a list shown right after it was seen by id has it too.
   */
  private async readThrough(id: string): Promise<LaunchView | undefined> {
    const [generation, changes] = [this.generation, this.changes];
    const launch = await super.findById(id);
    if (
      launch !== undefined &&
      this.loaded &&
      generation === this.generation &&
      changes === this.changes &&
      !this.byId.has(id) &&
      ON_SALE_STATUSES.includes(launch.status)
    ) {
      this.put(id, launch);
      this.counts.clear();
      this.applied();
    }
    return launch;
  }

  /** Where launches departing after `now` and not before `filter.from` begin. */
  private firstOnSale(filter: SaleFilter, now: Date): number {
    const from = filter.from;
    return firstNotBefore(
      this.sorted,
      (launch) => launch.scheduledAt <= now || (from !== undefined && launch.scheduledAt < from),
    );
  }

  private apply(change: CatalogChange): void {
    switch (change.kind) {
      case 'launch':
        this.pending.add(change.id);
        this.drainSoon();
        return;
      case 'rocket':
        this.replaceWhere(
          (launch) => launch.rocketId === change.id,
          (launch) => ({ ...launch, rocketName: change.name }),
        );
        return;
      case 'spaceport': {
        const spaceport = { id: change.id, name: change.name, location: change.location };
        this.replaceWhere(
          (launch) => launch.spaceport.id === change.id,
          (launch) => ({ ...launch, spaceport }),
        );
        return;
      }
      case 'reload':
        void this.reload();
        return;
    }
  }

  private replaceWhere(
    which: (launch: LaunchView) => boolean,
    change: (launch: LaunchView) => LaunchView,
  ): void {
    for (let index = 0; index < this.sorted.length; index++) {
      const launch = this.sorted[index];
      if (!which(launch)) continue;
      const changed = change(launch);
      this.sorted[index] = changed;
      this.byId.set(changed.id, changed);
    }
    this.applied();
  }

  private drainSoon(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      if (this.pending.size > 0) this.drainSoon();
    });
  }

  /** Reads every announced launch again and puts it in place (or out, when no longer on sale). */
  private async drain(): Promise<void> {
    await this.reloading;
    const ids = [...this.pending];
    this.pending.clear();
    const generation = this.generation;
    let launches: (LaunchView | undefined)[];
    try {
      launches = await Promise.all(ids.map((id) => super.findById(id)));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read announced launches; retrying');
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      ids.forEach((id) => this.pending.add(id));
      return;
    }
    if (generation !== this.generation) {
      // A full load finished meanwhile and may hold newer copies: read these again.
      ids.forEach((id) => this.pending.add(id));
      return;
    }
    ids.forEach((id, i) => this.put(id, launches[i]));
    this.changes++;
    this.counts.clear();
    this.applied();
  }

  private compact(launch: LaunchView, shared = this.shared): LaunchView {
    const share = <T>(key: string, value: T): T => {
      const known = shared.get(key) as T | undefined;
      if (known !== undefined) return known;
      shared.set(key, value);
      return value;
    };
    const text = (value: string) => share(`t\u0000${value}`, value);
    const { spaceport } = launch;
    return {
      ...launch,
      destination: text(launch.destination),
      destinationKey: text(launch.destinationKey),
      status: text(launch.status) as LaunchView['status'],
      currency: text(launch.currency),
      rocketId: text(launch.rocketId),
      rocketName: launch.rocketName === null ? null : text(launch.rocketName),
      spaceport: share(
        `s\u0000${spaceport.id}\u0000${spaceport.name}\u0000${spaceport.location}`,
        spaceport,
      ),
    };
  }

  private put(id: string, given: LaunchView | undefined): void {
    const old = this.byId.get(id);
    if (old !== undefined) {
      const at = firstNotBefore(this.sorted, (other) => compare(other, old) < 0);
      if (this.sorted[at]?.id === id) this.sorted.splice(at, 1);
      this.byId.delete(id);
    }
    if (given === undefined || !ON_SALE_STATUSES.includes(given.status)) return;
    const launch = this.compact(given);
    const at = firstNotBefore(this.sorted, (other) => compare(other, launch) < 0);
    this.sorted.splice(at, 0, launch);
    this.byId.set(id, launch);
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const byId = new Map<string, LaunchView>();
    const sorted: LaunchView[] = [];
    const shared = new Map<string, unknown>();
    try {
      await this.forEachOnSale((read) => {
        const launch = this.compact(read, shared);
        byId.set(launch.id, launch);
        sorted.push(launch);
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'could not load the launch catalog; the store answers');
      return;
    }
    sorted.sort(compare);
    this.byId = byId;
    this.sorted = sorted;
    this.shared = shared;
    this.generation++;
    this.loaded = true;
    this.counts.clear();
    this.applied();
    this.logger.info(
      { launches: sorted.length, ms: Date.now() - started },
      'launch catalog loaded',
    );
    if (this.pending.size > 0) this.drainSoon();
  }
}
