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

/** The launches customers choose from: only future SCHEDULED or DELAYED ones are on sale. */
export class LaunchCatalog {
  constructor(
    private readonly launches: LaunchViewRepository,
    private readonly clock: Clock,
  ) {}

  async listOnSale(
    filter: LaunchFilter | undefined,
    args: PageArgs,
  ): Promise<Connection<LaunchView>> {
    const size = pageSize(args);
    const sale = saleFilter(filter);
    const after = args.after === undefined ? undefined : launchCursor(args.after);
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

  /** A launch whose seats can be booked now: NOT_FOUND, or CONFLICT when it is not on sale. */
  async getOnSale(id: string): Promise<LaunchView> {
    const launch = await this.get(id);
    if (!ON_SALE_STATUSES.includes(launch.status)) {
      throw new ConflictError(`The launch is ${launch.status.toLowerCase()}: it is not on sale`);
    }
    if (!isOnSaleAt(launch, this.clock())) {
      throw new ConflictError('The launch has departed: it is not on sale');
    }
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
