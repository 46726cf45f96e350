import type { PrismaClient } from '@astrobookings/prisma';
import { BookingRepository } from '../booking/booking.repository';
import { InvoiceRepository } from '../invoice/invoice.repository';
import { LaunchRepository } from '../launch/launch.repository';
import { ReportRepository } from '../report/report.repository';
import { RocketRepository } from '../rocket/rocket.repository';
import { SpaceportRepository } from '../spaceport/spaceport.repository';
import { SupplierRepository } from '../supplier/supplier.repository';
import { ChangeLog } from './change-log.repository';
import type { Db } from './db';

/** Every repository, over one client: the pool's, or one transaction's. */
export class Repositories {
  readonly suppliers: SupplierRepository;
  readonly spaceports: SpaceportRepository;
  readonly rockets: RocketRepository;
  readonly launches: LaunchRepository;
  readonly bookings: BookingRepository;
  readonly invoices: InvoiceRepository;
  readonly reports: ReportRepository;
  readonly changes: ChangeLog;

  /** `inTransaction`: changes are held and written when the transaction's work is done. */
  constructor(db: Db, inTransaction = false) {
    this.suppliers = new SupplierRepository(db);
    this.spaceports = new SpaceportRepository(db);
    this.rockets = new RocketRepository(db);
    this.launches = new LaunchRepository(db);
    this.bookings = new BookingRepository(db);
    this.invoices = new InvoiceRepository(db);
    this.reports = new ReportRepository(db);
    this.changes = new ChangeLog(db, inTransaction);
  }
}

const TRANSACTION_LIMITS = { maxWait: 5_000, timeout: 30_000 };

/** Reads outside a transaction, and runs a change with its audit and outbox rows in one. */
export class UnitOfWork {
  readonly read: Repositories;

  constructor(private readonly prisma: PrismaClient) {
    this.read = new Repositories(prisma);
  }

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      const repositories = new Repositories(tx, true);
      const result = await work(repositories);
      await repositories.changes.flush();
      return result;
    }, TRANSACTION_LIMITS);
  }
}
