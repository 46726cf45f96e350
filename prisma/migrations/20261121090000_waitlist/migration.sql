-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('WAITING', 'HOLDING', 'BOOKED', 'LEFT', 'EXPIRED', 'CLOSED');

-- CreateTable
CREATE TABLE "waitlist_entries" (
    "id" UUID NOT NULL,
    "launch_id" UUID NOT NULL,
    "customer_user_id" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "status" "WaitlistStatus" NOT NULL DEFAULT 'WAITING',
    "hold_minutes" INTEGER NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hold_expires_at" TIMESTAMPTZ(3),
    "held_seats" INTEGER,
    "booking_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "waitlist_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "waitlist_entries_launch_id_status_queued_at_idx" ON "waitlist_entries"("launch_id", "status", "queued_at");

-- CreateIndex
CREATE INDEX "waitlist_entries_status_hold_expires_at_idx" ON "waitlist_entries"("status", "hold_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_entries_launch_id_customer_user_id_key" ON "waitlist_entries"("launch_id", "customer_user_id");

-- CreateIndex
CREATE INDEX "outbox_events_processed_at_id_idx" ON "outbox_events"("processed_at", "id");

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_launch_id_fkey" FOREIGN KEY ("launch_id") REFERENCES "launches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Constraints and triggers Prisma's schema language cannot express, written by hand.

-- AddCheckConstraint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_seats_check" CHECK ("seats" BETWEEN 1 AND 4);

-- AddCheckConstraint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_hold_minutes_check" CHECK ("hold_minutes" > 0);

-- AddCheckConstraint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_hold_check" CHECK (("status" = 'HOLDING') = ("held_seats" IS NOT NULL) AND ("status" <> 'HOLDING' OR "hold_expires_at" IS NOT NULL));

-- AddCheckConstraint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_held_seats_check" CHECK ("held_seats" IS NULL OR "held_seats" BETWEEN 1 AND "seats");

-- Holds are granted and used here, inside the transactions that free and take seats, so
-- no booking can slip between seats coming free and the waitlist getting them, and no
-- other customer can take held seats: held seats count in launches.seats_sold until
-- their hold is used, left or expired (seats_sold = seats of CONFIRMED bookings +
-- held_seats of HOLDING entries). Every change of an entry is an outbox event
-- (aggregate "waitlist") for the sync worker.

-- CreateFunction
CREATE FUNCTION "waitlist_record_event"(p_type TEXT, p_entry_id UUID, p_seat_capacity INTEGER, p_seats_sold INTEGER)
RETURNS VOID LANGUAGE sql AS $$
  INSERT INTO "outbox_events" ("event_type", "aggregate_type", "aggregate_id", "payload")
  SELECT p_type, 'waitlist', e."id"::TEXT, jsonb_build_object(
    'entry', jsonb_build_object(
      'id', e."id", 'launchId', e."launch_id", 'customerUserId', e."customer_user_id",
      'seats', e."seats", 'heldSeats', e."held_seats", 'status', e."status", 'queuedAt', e."queued_at",
      'holdExpiresAt', e."hold_expires_at", 'bookingId', e."booking_id", 'updatedAt', e."updated_at"),
    'launch', jsonb_build_object(
      'id', e."launch_id", 'seatCapacity', p_seat_capacity, 'seatsSold', p_seats_sold,
      'seatsAvailable', p_seat_capacity - p_seats_sold))
  FROM "waitlist_entries" e WHERE e."id" = p_entry_id
$$;

-- CreateFunction
-- Gives up to p_free seats to a launch's waitlist in line order: the first in line holds
-- as many of the seats it wants as there are (adding to a hold it has for fewer), then
-- the next. The caller holds the launch's row lock and adds `granted` to its seats_sold.
CREATE FUNCTION "waitlist_grant_holds"(p_launch_id UUID, p_free INTEGER, OUT granted INTEGER, OUT entry_ids UUID[])
LANGUAGE plpgsql AS $$
DECLARE
  waiting RECORD;
  free INTEGER := p_free;
  more INTEGER;
BEGIN
  granted := 0;
  entry_ids := ARRAY[]::UUID[];
  IF free <= 0 THEN RETURN; END IF;
  FOR waiting IN
    SELECT "id", "seats", COALESCE("held_seats", 0) AS "held", "hold_minutes" FROM "waitlist_entries"
     WHERE "launch_id" = p_launch_id
       AND ("status" = 'WAITING'
            OR ("status" = 'HOLDING' AND "held_seats" < "seats" AND "hold_expires_at" > now()))
     ORDER BY "queued_at", "id"
     FOR UPDATE
  LOOP
    EXIT WHEN free <= 0;
    more := LEAST(free, waiting."seats" - waiting."held");
    UPDATE "waitlist_entries"
       SET "status" = 'HOLDING',
           "held_seats" = waiting."held" + more,
           "hold_expires_at" = now() + make_interval(mins => waiting."hold_minutes"),
           "updated_at" = now()
     WHERE "id" = waiting."id";
    free := free - more;
    granted := granted + more;
    entry_ids := entry_ids || waiting."id";
  END LOOP;
END $$;

-- CreateFunction
CREATE FUNCTION "waitlist_on_seats_freed"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  offered RECORD;
  entry_id UUID;
BEGIN
  -- Seats freed by a trigger (a hold used by its own customer's booking) are offered there.
  IF pg_trigger_depth() > 1 THEN RETURN NEW; END IF;
  IF NEW."status" NOT IN ('SCHEDULED', 'DELAYED') OR NEW."scheduled_at" <= now() THEN RETURN NEW; END IF;
  SELECT * INTO offered FROM "waitlist_grant_holds"(NEW."id", NEW."seat_capacity" - NEW."seats_sold");
  IF offered.granted > 0 THEN
    NEW."seats_sold" := NEW."seats_sold" + offered.granted;
    FOREACH entry_id IN ARRAY offered.entry_ids LOOP
      PERFORM "waitlist_record_event"('waitlist.hold_granted', entry_id, NEW."seat_capacity", NEW."seats_sold");
    END LOOP;
  END IF;
  RETURN NEW;
END $$;

-- CreateTrigger
CREATE TRIGGER "launches_waitlist_on_seats_freed"
  BEFORE UPDATE OF "seats_sold" ON "launches"
  FOR EACH ROW WHEN (NEW."seats_sold" < OLD."seats_sold")
  EXECUTE FUNCTION "waitlist_on_seats_freed"();

-- CreateFunction
-- A booking by a customer who holds seats on its launch: the held seats go back to the
-- launch just before the booking takes its own (the same transaction), and seats held
-- beyond what it takes go to the next in line.
CREATE FUNCTION "waitlist_use_hold"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  launch RECORD;
  held RECORD;
  offered RECORD;
  entry_id UUID;
  sold INTEGER;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "waitlist_entries"
     WHERE "launch_id" = NEW."launch_id" AND "customer_user_id" = NEW."customer_user_id"
       AND "status" = 'HOLDING'
  ) THEN
    RETURN NULL;
  END IF;
  -- The launch first, then the entry: the order every path that frees or takes seats locks them in.
  SELECT "status", "scheduled_at", "seat_capacity", "seats_sold" INTO launch
    FROM "launches" WHERE "id" = NEW."launch_id" FOR UPDATE;
  SELECT "id", "held_seats" INTO held FROM "waitlist_entries"
   WHERE "launch_id" = NEW."launch_id" AND "customer_user_id" = NEW."customer_user_id"
     AND "status" = 'HOLDING' AND "hold_expires_at" > now()
   FOR UPDATE;
  IF NOT FOUND
     OR launch."status" NOT IN ('SCHEDULED', 'DELAYED') OR launch."scheduled_at" <= now()
     OR NEW."seats" > launch."seat_capacity" - launch."seats_sold" + held."held_seats" THEN
    -- The booking cannot use the hold (it will be decided without it); the hold stays.
    RETURN NULL;
  END IF;
  UPDATE "waitlist_entries"
     SET "status" = 'BOOKED', "held_seats" = NULL, "booking_id" = NEW."id", "updated_at" = now()
   WHERE "id" = held."id";
  sold := launch."seats_sold" - held."held_seats";
  SELECT * INTO offered
    FROM "waitlist_grant_holds"(NEW."launch_id", launch."seat_capacity" - sold - NEW."seats");
  sold := sold + offered.granted;
  UPDATE "launches" SET "seats_sold" = sold, "updated_at" = now() WHERE "id" = NEW."launch_id";
  PERFORM "waitlist_record_event"('waitlist.hold_used', held."id", launch."seat_capacity", sold);
  FOREACH entry_id IN ARRAY offered.entry_ids LOOP
    PERFORM "waitlist_record_event"('waitlist.hold_granted', entry_id, launch."seat_capacity", sold);
  END LOOP;
  RETURN NULL;
END $$;

-- CreateTrigger
CREATE TRIGGER "bookings_waitlist_use_hold"
  AFTER INSERT ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_use_hold"();
