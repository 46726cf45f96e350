import { CACHE_HINT_DIRECTIVE, ConnectionType } from '@astrobookings/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LaunchStatus } from '../common/enums';

// The Admin subgraph's Spaceport: every field shareable, so either subgraph serves it.
@Directive(CACHE_HINT_DIRECTIVE)
@ObjectType({ description: 'A launch site' })
export class Spaceport {
  @Directive('@shareable')
  @Field(() => ID, { description: 'Opaque spaceport id' })
  id!: string;

  @Directive('@shareable')
  @Field(() => String, { description: 'Name, unique' })
  name!: string;

  @Directive('@shareable')
  @Field(() => String, { description: 'Where it is, e.g. "Cape Canaveral, Florida, USA"' })
  location!: string;
}

// The Admin subgraph's Launch entity, served here from the read model: the fields both
// subgraphs resolve are shareable; what only PostgreSQL knows comes from Admin.
@Directive('@key(fields: "id")')
@Directive(CACHE_HINT_DIRECTIVE)
@ObjectType({ description: 'A scheduled flight of a rocket, with seats for sale' })
export class Launch {
  @Field(() => ID, { description: 'Opaque launch id' })
  id!: string;

  @Directive('@shareable')
  @Field(() => String, { description: 'Mission name' })
  mission!: string;

  @Directive('@shareable')
  @Field(() => String, { description: 'Where the flight goes, e.g. "Low Earth Orbit"' })
  destination!: string;

  @Directive('@shareable')
  @Field(() => Date, { description: 'Departure time (UTC)' })
  scheduledAt!: Date;

  @Directive('@shareable')
  @Field(() => LaunchStatus, { description: 'Where the launch is in its lifecycle' })
  status!: LaunchStatus;

  @Directive('@shareable')
  @Field(() => Int, { description: 'Price of one seat in minor units (cents) of `currency`' })
  pricePerSeat!: number;

  @Directive('@shareable')
  @Field(() => String, { description: 'ISO 4217 currency code' })
  currency!: string;

  @Directive('@shareable')
  @Field(() => Int, { description: 'Seats still for sale' })
  seatsAvailable!: number;

  @Directive('@shareable')
  @Field(() => Spaceport, { description: 'Where it departs from' })
  spaceport!: Spaceport;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the rocket that flies it (customers choose by it)',
  })
  rocketName!: string | null;
}

// Not `LaunchConnection`: that is the Admin subgraph's list of every launch.
@Directive(CACHE_HINT_DIRECTIVE)
@ObjectType({ description: 'A page of launches on sale' })
export class LaunchOnSaleConnection extends ConnectionType(Launch, 'LaunchOnSale') {}
