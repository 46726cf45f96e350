import { Field, ID, Int, ObjectType } from 'type-graphql';
import { WaitlistStatus } from '../common/enums';

@ObjectType({
  description:
    "Your place on a sold-out launch's waitlist: when seats come free, the first in line holds them for a while, and no one else can book them meanwhile",
})
export class WaitlistEntry {
  @Field(() => ID, { description: 'Opaque waitlist entry id' })
  id!: string;

  @Field(() => Int, { description: 'Seats wanted (1 to 4); a hold is for these' })
  seats!: number;

  @Field(() => WaitlistStatus, { description: 'Where you are on the waitlist' })
  status!: WaitlistStatus;

  @Field(() => Int, {
    nullable: true,
    description: 'While HOLDING: the seats held for you (as many of those wanted as came free)',
  })
  heldSeats!: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'While HOLDING: book the held seats before this time (UTC)',
  })
  holdExpiresAt!: Date | null;

  @Field(() => Date, { description: 'When you last joined or left (UTC)' })
  requestedAt!: Date;
}
