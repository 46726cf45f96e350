-- The sync worker LISTENs on "outbox_events": an event is relayed as soon as
-- its transaction commits instead of at the next poll (PostgreSQL delivers a
-- NOTIFY at commit, once per transaction for the same payload).

-- CreateFunction
CREATE FUNCTION "outbox_events_notify"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_events', '');
  RETURN NULL;
END $$;

-- CreateTrigger
CREATE TRIGGER "outbox_events_notify"
  AFTER INSERT ON "outbox_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "outbox_events_notify"();
