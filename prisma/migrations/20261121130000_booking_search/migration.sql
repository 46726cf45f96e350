-- Employees search bookings: by part of the mission's name (trigrams), and by status, newest first.

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "launches_mission_idx" ON "launches" USING GIN ("mission" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "bookings_status_created_at_id_idx" ON "bookings"("status", "created_at", "id");
