import { ConnectionType } from '@astrobookings/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LaunchStatus } from '../common/enums';

// Fields the customer subgraph serves too (from its read model) are shareable.
@Directive('@key(fields: "id")')
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

  @Field(() => String, {
    nullable: true,
    description: 'Why it was last delayed, aborted or cancelled',
  })
  statusReason!: string | null;

  @Directive('@shareable')
  @Field(() => Int, { description: 'Price of one seat in minor units (cents) of `currency`' })
  pricePerSeat!: number;

  @Directive('@shareable')
  @Field(() => String, { description: 'ISO 4217 currency code' })
  currency!: string;

  @Field(() => Int, { description: 'Seats for sale on this launch' })
  seatCapacity!: number;

  @Field(() => Int, { description: 'Seats of confirmed bookings' })
  seatsSold!: number;

  supplierId!: string;
  rocketId!: string;
  spaceportId!: string;
}

@ObjectType({ description: 'A page of launches' })
export class LaunchConnection extends ConnectionType(Launch, 'Launch') {}
