-- mltrace collector schema, version 22: each output row carries its run's end time, so "the latest
-- producers of a pointer" is a walk down one index instead of a join over every run that ever
-- wrote it. Ingest asks that for every pointer a batch reads; for a model file retrained every few
-- minutes and read by every inference run the join grew with the history (750 ms per batch of 500
-- runs at 600,000 runs on PostgreSQL, a hash join over all runs). Runs on H2 2.x and PostgreSQL 15;
-- each statement can run again after an interruption. Shipped migrations are never edited.

ALTER TABLE run_outputs ADD COLUMN IF NOT EXISTS end_time TIMESTAMP WITH TIME ZONE;

UPDATE run_outputs SET end_time =
  (SELECT r.end_time FROM component_runs r WHERE r.id = run_outputs.run_id)
  WHERE end_time IS NULL;

ALTER TABLE run_outputs ALTER COLUMN end_time SET NOT NULL;

-- Newest writer first. run_outputs_by_pointer stays: H2 holds the foreign key to io_pointers on it
-- and refuses to drop it.
CREATE INDEX IF NOT EXISTS run_outputs_by_pointer_end
  ON run_outputs (pointer_id, end_time DESC, run_id DESC);
