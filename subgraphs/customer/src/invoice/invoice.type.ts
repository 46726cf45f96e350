import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { InvoiceStatus } from '../common/enums';

// The Admin subgraph's Invoice entity, served here (customers' own) from the read model.
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A CUSTOMER invoice for a booking (negative: a credit note for its refund) or a SUPPLIER invoice for a successful launch',
})
export class Invoice {
  @Field(() => ID, { description: 'Opaque invoice id' })
  id!: string;

  @Directive('@shareable')
  @Field(() => String, { description: 'Sequential per kind and year, e.g. C-2030-000042' })
  number!: string;

  @Directive('@shareable')
  @Field(() => Int, { description: 'Amount in minor units; negative for a credit note' })
  amount!: number;

  @Directive('@shareable')
  @Field(() => String, { description: 'ISO 4217 currency code' })
  currency!: string;

  @Directive('@shareable')
  @Field(() => InvoiceStatus, { description: 'ISSUED, PAID or VOID' })
  status!: InvoiceStatus;

  @Directive('@shareable')
  @Field(() => Date, { description: 'When it was issued (UTC)' })
  issuedAt!: Date;
}
