import { Authorized, Query, Resolver } from 'type-graphql';
import { Role } from '@astrobookings/shared';
import type { ServiceHealthService } from './service-health.service';
import { ServiceHealth } from './service-health.type';

@Resolver()
export class ServiceHealthResolver {
  constructor(private readonly health: ServiceHealthService) {}

  @Authorized(Role.OPERATOR)
  @Query(() => [ServiceHealth], {
    description: "Every process's readiness (its /ready), checked now (operators only)",
  })
  serviceHealth(): Promise<ServiceHealth[]> {
    return this.health.checkAll();
  }
}
