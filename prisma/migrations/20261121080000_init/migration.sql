-- CreateEnum
CREATE TYPE "LaunchStatus" AS ENUM ('SCHEDULED', 'DELAYED', 'LAUNCHED', 'SUCCESSFUL', 'FAILED', 'ABORTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('PENDING', 'CONFIRMED', 'CANCELLED', 'REJECTED');

-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('CUSTOMER', 'SUPPLIER');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('ISSUED', 'PAID', 'VOID');

-- CreateTable
CREATE TABLE "suppliers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "suppliers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spaceports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "spaceports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rockets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "supplier_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rockets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "launches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "supplier_id" UUID NOT NULL,
    "rocket_id" UUID NOT NULL,
    "spaceport_id" UUID NOT NULL,
    "mission" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "price_per_seat" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "seat_capacity" INTEGER NOT NULL,
    "seats_sold" INTEGER NOT NULL DEFAULT 0,
    "status" "LaunchStatus" NOT NULL DEFAULT 'SCHEDULED',
    "status_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "launches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bookings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "launch_id" UUID NOT NULL,
    "customer_user_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "price_per_seat" INTEGER NOT NULL,
    "total_price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "BookingStatus" NOT NULL DEFAULT 'PENDING',
    "rejection_reason" TEXT,
    "refund_percent" INTEGER,
    "refund_amount" INTEGER,
    "cancellation_reason" TEXT,
    "cancelled_by" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bookings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" TEXT NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'ISSUED',
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "gross_amount" INTEGER,
    "commission_percent" INTEGER,
    "commission_amount" INTEGER,
    "booking_id" UUID,
    "credited_invoice_id" UUID,
    "launch_id" UUID,
    "customer_user_id" TEXT,
    "supplier_id" UUID,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "void_reason" TEXT,
    "processed_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_sequences" (
    "kind" "InvoiceKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "invoice_sequences_pkey" PRIMARY KEY ("kind","year")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_user_id" TEXT,
    "actor_roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "correlation_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "event_type" TEXT NOT NULL,
    "aggregate_type" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "correlation_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),
    "processed_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "suppliers_user_id_key" ON "suppliers"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "suppliers_name_key" ON "suppliers"("name");

-- CreateIndex
CREATE UNIQUE INDEX "spaceports_name_key" ON "spaceports"("name");

-- CreateIndex
CREATE UNIQUE INDEX "rockets_supplier_id_name_key" ON "rockets"("supplier_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "rockets_id_supplier_id_key" ON "rockets"("id", "supplier_id");

-- CreateIndex
CREATE INDEX "launches_supplier_id_scheduled_at_idx" ON "launches"("supplier_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "launches_rocket_id_idx" ON "launches"("rocket_id");

-- CreateIndex
CREATE INDEX "launches_spaceport_id_idx" ON "launches"("spaceport_id");

-- CreateIndex
CREATE INDEX "launches_status_scheduled_at_idx" ON "launches"("status", "scheduled_at");

-- CreateIndex
CREATE INDEX "launches_scheduled_at_id_idx" ON "launches"("scheduled_at", "id");

-- CreateIndex
CREATE INDEX "bookings_launch_id_status_idx" ON "bookings"("launch_id", "status");

-- CreateIndex
CREATE INDEX "bookings_customer_user_id_created_at_idx" ON "bookings"("customer_user_id", "created_at");

-- CreateIndex
CREATE INDEX "bookings_created_at_id_idx" ON "bookings"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "bookings_customer_user_id_idempotency_key_key" ON "bookings"("customer_user_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices"("number");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_booking_id_key" ON "invoices"("booking_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_credited_invoice_id_key" ON "invoices"("credited_invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_launch_id_key" ON "invoices"("launch_id");

-- CreateIndex
CREATE INDEX "invoices_supplier_id_issued_at_idx" ON "invoices"("supplier_id", "issued_at");

-- CreateIndex
CREATE INDEX "invoices_customer_user_id_issued_at_idx" ON "invoices"("customer_user_id", "issued_at");

-- CreateIndex
CREATE INDEX "invoices_issued_at_id_idx" ON "invoices"("issued_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_kind_year_sequence_key" ON "invoices"("kind", "year", "sequence");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_created_at_idx" ON "audit_log"("entity_type", "entity_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_actor_user_id_created_at_idx" ON "audit_log"("actor_user_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "outbox_events_dispatched_at_id_idx" ON "outbox_events"("dispatched_at", "id");

-- CreateIndex
CREATE INDEX "outbox_events_aggregate_type_aggregate_id_id_idx" ON "outbox_events"("aggregate_type", "aggregate_id", "id");

-- AddForeignKey
ALTER TABLE "rockets" ADD CONSTRAINT "rockets_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "launches" ADD CONSTRAINT "launches_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "launches" ADD CONSTRAINT "launches_rocket_id_supplier_id_fkey" FOREIGN KEY ("rocket_id", "supplier_id") REFERENCES "rockets"("id", "supplier_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "launches" ADD CONSTRAINT "launches_spaceport_id_fkey" FOREIGN KEY ("spaceport_id") REFERENCES "spaceports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_launch_id_fkey" FOREIGN KEY ("launch_id") REFERENCES "launches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_launch_id_fkey" FOREIGN KEY ("launch_id") REFERENCES "launches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credited_invoice_id_fkey" FOREIGN KEY ("credited_invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Constraints Prisma's schema language cannot express. Written by hand; the schema-drift
-- test checks that each one is in the migrated database.

-- AddCheckConstraint
ALTER TABLE "rockets" ADD CONSTRAINT "rockets_capacity_check" CHECK ("capacity" > 0);

-- AddCheckConstraint
ALTER TABLE "launches" ADD CONSTRAINT "launches_seat_capacity_check" CHECK ("seat_capacity" > 0);

-- AddCheckConstraint
ALTER TABLE "launches" ADD CONSTRAINT "launches_seats_sold_check" CHECK ("seats_sold" >= 0 AND "seats_sold" <= "seat_capacity");

-- AddCheckConstraint
ALTER TABLE "launches" ADD CONSTRAINT "launches_price_per_seat_check" CHECK ("price_per_seat" >= 0);

-- AddCheckConstraint
ALTER TABLE "launches" ADD CONSTRAINT "launches_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');

-- AddCheckConstraint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_seats_check" CHECK ("seats" BETWEEN 1 AND 4);

-- AddCheckConstraint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_price_check" CHECK ("price_per_seat" >= 0 AND "total_price" = "seats" * "price_per_seat");

-- AddCheckConstraint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');

-- AddCheckConstraint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_refund_check" CHECK (("refund_percent" IS NULL OR "refund_percent" BETWEEN 0 AND 100) AND ("refund_amount" IS NULL OR "refund_amount" BETWEEN 0 AND "total_price"));

-- AddCheckConstraint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_status_check" CHECK (("status" = 'CANCELLED') = ("cancelled_at" IS NOT NULL) AND ("status" = 'REJECTED') = ("rejection_reason" IS NOT NULL));

-- AddCheckConstraint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_idempotency_key_check" CHECK (length("idempotency_key") BETWEEN 1 AND 200);

-- AddCheckConstraint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_sequence_check" CHECK ("sequence" > 0);

-- AddCheckConstraint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');

-- AddCheckConstraint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_subject_check" CHECK (("kind" = 'CUSTOMER' AND "customer_user_id" IS NOT NULL AND "launch_id" IS NULL AND "supplier_id" IS NULL AND ("booking_id" IS NULL) <> ("credited_invoice_id" IS NULL)) OR ("kind" = 'SUPPLIER' AND "launch_id" IS NOT NULL AND "supplier_id" IS NOT NULL AND "booking_id" IS NULL AND "credited_invoice_id" IS NULL AND "customer_user_id" IS NULL));

-- AddCheckConstraint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_amount_check" CHECK (CASE WHEN "credited_invoice_id" IS NULL THEN "amount" >= 0 ELSE "amount" < 0 END);

-- AddCheckConstraint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_commission_check" CHECK (("kind" = 'CUSTOMER' AND "gross_amount" IS NULL AND "commission_percent" IS NULL AND "commission_amount" IS NULL) OR ("kind" = 'SUPPLIER' AND "gross_amount" >= 0 AND "commission_percent" BETWEEN 0 AND 100 AND "commission_amount" BETWEEN 0 AND "gross_amount" AND "amount" = "gross_amount" - "commission_amount"));

-- AddCheckConstraint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_status_check" CHECK (("status" = 'PAID') = ("paid_at" IS NOT NULL) AND ("status" = 'VOID') = ("voided_at" IS NOT NULL));

-- AddCheckConstraint
ALTER TABLE "invoice_sequences" ADD CONSTRAINT "invoice_sequences_last_number_check" CHECK ("last_number" > 0);

-- AddCheckConstraint
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_attempts_check" CHECK ("attempts" >= 0);
