import {
  ForbiddenError,
  requestScoped,
  Role,
  type GraphQLContext,
  type Principal,
} from '@astrobookings/shared';

/** Finds the supplier a user runs (the Admin subgraph's own link from an Auth user). */
export interface SupplierLookup {
  findIdByUserId(userId: string): Promise<string | null>;
}

/**
 * Who is acting, with what the Admin subgraph knows of them: a user holding the
 * SUPPLIER role acts for the supplier linked to their user id (if onboarded).
 * Services decide ownership with it.
 */
export class Caller {
  constructor(
    readonly userId: string,
    readonly roles: readonly Role[],
    readonly supplierId: string | null,
  ) {}

  /** A customer acting through another store (the sync worker places their bookings). */
  static customer(userId: string): Caller {
    return new Caller(userId, [Role.CUSTOMER], null);
  }

  get isEmployee(): boolean {
    return this.roles.includes(Role.EMPLOYEE);
  }

  private get isSupplier(): boolean {
    return this.supplierId !== null && this.roles.includes(Role.SUPPLIER);
  }

  /** The supplier the caller acts for; FORBIDDEN for a user no employee has onboarded. */
  ownSupplierId(): string {
    if (this.supplierId === null || !this.isSupplier) {
      throw new ForbiddenError('Only an onboarded supplier can do this');
    }
    return this.supplierId;
  }

  /** Employees see and run everything; a supplier only what is its own. */
  canManage(supplierId: string): boolean {
    return this.isEmployee || (this.isSupplier && this.supplierId === supplierId);
  }

  assertCanManage(supplierId: string): void {
    if (!this.canManage(supplierId)) throw new ForbiddenError();
  }

  /** For the audit log. */
  get auditActor(): { userId: string; roles: Role[] } {
    return { userId: this.userId, roles: [...this.roles] };
  }
}

/** Turns a request's verified principal into a Caller, once per request. */
export class Callers {
  constructor(private readonly suppliers: SupplierLookup) {}

  /** The caller of this request: UNAUTHENTICATED without a token, FORBIDDEN without one of `roles`. */
  async of(context: GraphQLContext, ...roles: Role[]): Promise<Caller> {
    const principal = await context.auth.require(...roles);
    return requestScoped(context, 'caller', () => this.callerFor(principal));
  }

  private async callerFor(principal: Principal): Promise<Caller> {
    const supplierId = principal.roles.includes(Role.SUPPLIER)
      ? await this.suppliers.findIdByUserId(principal.userId)
      : null;
    return new Caller(principal.userId, principal.roles, supplierId);
  }
}
