import { Role, type GraphQLContext } from '@astrobookings/shared';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Callers } from '../common/caller';
import { User } from '../user/user.type';
import { CreateSupplierInput } from './supplier.input';
import type { SupplierRow } from './supplier.repository';
import type { SupplierService } from './supplier.service';
import { Supplier } from './supplier.type';

@Resolver(() => Supplier)
export class SupplierResolver {
  constructor(
    private readonly callers: Callers,
    private readonly suppliersService: SupplierService,
  ) {}

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => Supplier, {
    description: 'Onboard a supplier for a user with the SUPPLIER role (employees)',
  })
  async createSupplier(
    @Arg('input', () => CreateSupplierInput) input: CreateSupplierInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SupplierRow> {
    return this.suppliersService.create(await this.callers.of(context, Role.EMPLOYEE), input);
  }

  @Authorized(Role.EMPLOYEE)
  @Query(() => [Supplier], { description: 'Every supplier, by name (employees)' })
  suppliers(): Promise<SupplierRow[]> {
    return this.suppliersService.list();
  }

  @FieldResolver(() => User, { description: 'The user who runs the supplier' })
  user(@Root() supplier: SupplierRow): User {
    return { id: supplier.userId };
  }
}
