-- mltrace collector schema, version 49 (PostgreSQL only): smaller indexes on component_runs
-- (issue 15: bytes per run). H2 keeps its indexes (it cannot read an index backwards,
-- and its data is already under the target). Each statement can run again after an interruption.
-- Shipped migrations are never edited.

-- A component's runs by start and by end time, ascending and without the run id. PostgreSQL reads
-- them backwards for "newest first" and puts ties in id order with an incremental sort of the few
-- runs that share a time. The descending indexes with the id (V021, V024) took 108 bytes per run
-- each in `mltrace bench`: the text id in every entry, and pages split in half because each
-- component's new entries go to the front of its range. These take 45.
CREATE INDEX IF NOT EXISTS component_runs_by_component_start_time
  ON component_runs (component, start_time);
DROP INDEX IF EXISTS component_runs_by_component_newest;
CREATE INDEX IF NOT EXISTS component_runs_by_component_end_time
  ON component_runs (component, end_time);
DROP INDEX IF EXISTS component_runs_by_component_end_newest;
