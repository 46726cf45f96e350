import { Role, type GraphQLContext } from '@astrobookings/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Callers } from '../common/caller';
import { required, type Loaders } from '../common/loaders';
import type { LaunchRow } from '../launch/launch.repository';
import { Launch } from '../launch/launch.type';
import type { SupplierRow } from '../supplier/supplier.repository';
import { Supplier } from '../supplier/supplier.type';
import type { ReportService } from './report.service';
import { LaunchReport, SupplierReport } from './report.type';

const SUPPLIER_ARG = {
  nullable: true,
  description: 'Only this supplier (employees); a supplier always gets its own',
} as const;

@Resolver(() => LaunchReport)
export class LaunchReportResolver {
  constructor(
    private readonly callers: Callers,
    private readonly reports: ReportService,
    private readonly loaders: Loaders,
  ) {}

  @Authorized(Role.EMPLOYEE, Role.SUPPLIER)
  @Query(() => [LaunchReport], {
    description: 'Occupancy and revenue per launch, by departure (employees; suppliers: own)',
  })
  async launchReports(
    @Arg('supplierId', () => ID, SUPPLIER_ARG) supplierId: string | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<LaunchReport[]> {
    const caller = await this.callers.of(context, Role.EMPLOYEE, Role.SUPPLIER);
    return this.reports.perLaunch(caller, supplierId ?? undefined);
  }

  @FieldResolver(() => Launch, { description: 'The launch reported on' })
  async launch(@Root() report: LaunchReport, @Ctx() context: GraphQLContext): Promise<LaunchRow> {
    return required(await this.loaders.launches(context).load(report.launchId), 'launch');
  }
}

@Resolver(() => SupplierReport)
export class SupplierReportResolver {
  constructor(
    private readonly callers: Callers,
    private readonly reports: ReportService,
    private readonly loaders: Loaders,
  ) {}

  @Authorized(Role.EMPLOYEE, Role.SUPPLIER)
  @Query(() => [SupplierReport], {
    description: 'Occupancy and revenue per supplier, by name (employees; suppliers: own)',
  })
  async supplierReports(
    @Arg('supplierId', () => ID, SUPPLIER_ARG) supplierId: string | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<SupplierReport[]> {
    const caller = await this.callers.of(context, Role.EMPLOYEE, Role.SUPPLIER);
    return this.reports.perSupplier(caller, supplierId ?? undefined);
  }

  @FieldResolver(() => Supplier, { description: 'The supplier reported on' })
  async supplier(
    @Root() report: SupplierReport,
    @Ctx() context: GraphQLContext,
  ): Promise<SupplierRow> {
    return required(await this.loaders.suppliers(context).load(report.supplierId), 'supplier');
  }
}
