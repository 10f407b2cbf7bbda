-- mltrace collector schema, version 24: a component's runs newest-ended first from one index. The
-- trigger engine reads a component's latest runs before a time (ORDER BY end_time DESC ... LIMIT n)
-- for every batch; H2 does not read an ascending index backwards, so through (component, end_time)
-- it read every run of the component and sorted them. The descending index also serves staleness's
-- "did a fresher run end between two times", the old one's only other use, so it replaces it.
-- Runs on H2 2.x and PostgreSQL 15; each statement can run again after an interruption. Shipped
-- migrations are never edited.

CREATE INDEX IF NOT EXISTS component_runs_by_component_end_newest
  ON component_runs (component, end_time DESC, id DESC);

DROP INDEX IF EXISTS component_runs_by_component_end;
