import type { GraphQLContext } from '@astrobookings/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Callers } from '../common/caller';
import type { Loaders } from '../common/loaders';
import type { SupplierRow } from '../supplier/supplier.repository';
import { Supplier } from '../supplier/supplier.type';
import { User } from './user.type';

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly callers: Callers,
    private readonly loaders: Loaders,
  ) {}

  @FieldResolver(() => Supplier, {
    nullable: true,
    description: 'The supplier this user runs, if any (the user themself or employees)',
  })
  async supplier(@Root() user: User, @Ctx() context: GraphQLContext): Promise<SupplierRow | null> {
    const caller = await this.callers.of(context);
    if (!caller.isEmployee && caller.userId !== user.id) return null;
    return (await this.loaders.suppliersByUserId(context).load(user.id)) ?? null;
  }
}
