import {
  BadUserInputError,
  ConflictError,
  decodeCursor,
  destinationKey,
  isOnSaleAt,
  NotFoundError,
  ON_SALE_STATUSES,
  pageSize,
  toConnection,
  type Connection,
  type PageArgs,
} from '@astrobookings/shared';
import type { Clock } from '../common/clock';
import type { LaunchFilter } from './launch.input';
import type { LaunchKey, LaunchView, LaunchViewRepository, SaleFilter } from './launch.repository';

/**
 * How long a launch read for a booking request is reused: a burst of requests for
 * one launch reads it once. Only PostgreSQL decides seats, so a second-old copy
 * decides nothing.
 */
const ON_SALE_CACHE_MS = 1_000;
const ON_SALE_CACHE_SIZE = 1_000;

/** The launches customers choose from: only future SCHEDULED or DELAYED ones are on sale. */
export class LaunchCatalog {
  private readonly recent = new Map<string, { launch: Promise<LaunchView>; until: number }>();

  constructor(
    private readonly launches: LaunchViewRepository,
    private readonly clock: Clock,
    /** The most any answer about the catalog may be reused for. */
    private readonly maxAgeSeconds = 0,
  ) {}

  /**
   * For how many whole seconds an answer read now may be reused (its
   * Cache-Control max-age): until the next departure changes what is on sale,
   * and never while the store answers, whose changes nothing announces.
   */
  reusableForSeconds(): number {
    const unchangedMs = this.launches.unchangedForMs(this.clock());
    return Math.max(0, Math.min(this.maxAgeSeconds, Math.floor(unchangedMs / 1000)));
  }

  async listOnSale(
    filter: LaunchFilter | undefined,
    args: PageArgs,
  ): Promise<Connection<LaunchView>> {
    const size = pageSize(args);
    const sale = saleFilter(filter);
    // An explicit null asks for the first page, like an omitted cursor.
    const after = args.after == null ? undefined : launchCursor(args.after);
    const now = this.clock();
    const [rows, totalCount] = await Promise.all([
      this.launches.pageOnSale(sale, now, size + 1, after),
      this.launches.countOnSale(sale, now),
    ]);
    return toConnection(rows, size, totalCount, (row) => [row.scheduledAt.toISOString(), row.id]);
  }

  /** Any launch the read model has, on sale or not (a customer's bookings link to past ones). */
  async get(id: string): Promise<LaunchView> {
    const launch = await this.launches.findById(id);
    if (launch === undefined) throw new NotFoundError('Launch');
    return launch;
  }

  /**
   * A launch whose seats can be booked now: NOT_FOUND, or CONFLICT when it is not on
   * sale. `reuseRecent`: a copy read in the last second will do (booking requests,
   * which PostgreSQL decides anyway).
   */
  async getOnSale(id: string, reuseRecent = false): Promise<LaunchView> {
    const launch = reuseRecent ? await this.getRecent(id) : await this.get(id);
    if (!ON_SALE_STATUSES.includes(launch.status)) {
      throw new ConflictError(`The launch is ${launch.status.toLowerCase()}: it is not on sale`);
    }
    if (!isOnSaleAt(launch, this.clock())) {
      throw new ConflictError('The launch has departed: it is not on sale');
    }
    return launch;
  }

  private getRecent(id: string): Promise<LaunchView> {
    const now = this.clock().getTime();
    const cached = this.recent.get(id);
    if (cached !== undefined && cached.until > now) return cached.launch;
    if (this.recent.size >= ON_SALE_CACHE_SIZE) this.recent.clear();
    const launch = this.get(id);
    this.recent.set(id, { launch, until: now + ON_SALE_CACHE_MS });
    // A failed read is not reused.
    launch.catch(() => this.recent.delete(id));
    return launch;
  }
}

function saleFilter(filter: LaunchFilter | undefined): SaleFilter {
  const destination = filter?.destination?.trim();
  return {
    destinationKey: destination ? destinationKey(destination) : undefined,
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
    spaceportId: filter?.spaceportId ?? undefined,
  };
}

function launchCursor(cursor: string): LaunchKey {
  const [scheduledAt, id] = decodeCursor(cursor, 2);
  const date = new Date(String(scheduledAt));
  if (Number.isNaN(date.getTime()) || typeof id !== 'string') {
    throw new BadUserInputError('Invalid cursor', { argument: 'after' });
  }
  return { scheduledAt: date, id };
}
