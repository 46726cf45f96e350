import type { Caller } from '../common/caller';
import { rowId } from '../common/ids';
import type { UnitOfWork } from '../common/unit-of-work';
import type { LaunchReport, SupplierReport } from './report.type';

/** seatsSold / seatCapacity in %, to one decimal. */
export function occupancyPercent(seatsSold: number, seatCapacity: number): number {
  return seatCapacity === 0 ? 0 : Math.round((seatsSold / seatCapacity) * 1000) / 10;
}

/** Occupancy and revenue: employees for any supplier, a supplier for its own. */
export class ReportService {
  constructor(private readonly uow: UnitOfWork) {}

  async perLaunch(caller: Caller, supplierId: string | undefined): Promise<LaunchReport[]> {
    const figures = await this.uow.read.reports.launchFigures(this.scope(caller, supplierId));
    return figures.map((row) => ({
      ...row,
      occupancyPercent: occupancyPercent(row.seatsSold, row.seatCapacity),
    }));
  }

  async perSupplier(caller: Caller, supplierId: string | undefined): Promise<SupplierReport[]> {
    const figures = await this.uow.read.reports.supplierFigures(this.scope(caller, supplierId));
    return figures.map((row) => ({
      ...row,
      occupancyPercent: occupancyPercent(row.seatsSold, row.seatCapacity),
    }));
  }

  /** The supplier a report covers; null for all of them (employees only). */
  private scope(caller: Caller, supplierId: string | undefined): string | null {
    if (caller.isEmployee) return supplierId === undefined ? null : rowId(supplierId, 'Supplier');
    const own = caller.ownSupplierId();
    if (supplierId !== undefined) caller.assertCanManage(rowId(supplierId, 'Supplier'));
    return own;
  }
}
