-- mltrace collector schema, version 21: indexes chosen by measuring queries on a generated
-- 200,000-run history (docs/performance.md). Runs unchanged on H2 2.x and PostgreSQL 15; each
-- statement can run again after an interruption (IF [NOT] EXISTS), because H2 commits DDL
-- statement by statement. Shipped migrations are never edited: add V022__...

-- A component's runs newest first (history, the latest run of each component, staleness). H2 does
-- not scan an ascending index backwards: with (component, start_time) it read and sorted every run
-- of the component (2.3 s for the 20 newest of 20,000); this one serves ORDER BY ... DESC LIMIT
-- directly and still serves start-time ranges, so it replaces the old one (one index less to
-- maintain at ingest).
CREATE INDEX IF NOT EXISTS component_runs_by_component_newest
  ON component_runs (component, start_time DESC, id DESC);
DROP INDEX IF EXISTS component_runs_by_component;

-- A component's runs by end time (staleness: did a fresher output exist between two times).
CREATE INDEX IF NOT EXISTS component_runs_by_component_end ON component_runs (component, end_time);
