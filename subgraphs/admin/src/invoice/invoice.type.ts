import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { InvoiceKind, InvoiceStatus } from '../common/enums';

// Fields the customer subgraph serves too (from its read model) are shareable.
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

  @Field(() => InvoiceKind, { description: 'Who is billed: a customer or a supplier' })
  kind!: InvoiceKind;

  @Directive('@shareable')
  @Field(() => Int, { description: 'Amount in minor units; negative for a credit note' })
  amount!: number;

  @Directive('@shareable')
  @Field(() => String, { description: 'ISO 4217 currency code' })
  currency!: string;

  @Directive('@shareable')
  @Field(() => InvoiceStatus, { description: 'ISSUED, PAID or VOID' })
  status!: InvoiceStatus;

  @Field(() => Int, {
    nullable: true,
    description: "SUPPLIER: what the launch's bookings paid, before commission",
  })
  grossAmount!: number | null;

  @Field(() => Int, { nullable: true, description: "SUPPLIER: the platform's commission in %" })
  commissionPercent!: number | null;

  @Field(() => Int, { nullable: true, description: "SUPPLIER: the platform's commission" })
  commissionAmount!: number | null;

  @Directive('@shareable')
  @Field(() => Date, { description: 'When it was issued (UTC)' })
  issuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was marked paid (UTC)' })
  paidAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was voided (UTC)' })
  voidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was voided' })
  voidReason!: string | null;

  bookingId!: string | null;
  creditedInvoiceId!: string | null;
  launchId!: string | null;
  customerUserId!: string | null;
  supplierId!: string | null;
  processedBy!: string | null;
}
