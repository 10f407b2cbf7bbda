-- mltrace collector schema, version 29: each component's number of stored runs by status, kept at
-- ingest (issue 18: `mltrace components` counted every run on each call, 4.9 s on a
-- 10-million-run file; `GET /metrics` did the same at every scrape). The ingest transaction that stores a batch adds its runs per component; compaction
-- subtracts the runs it removes, in its own transaction; a purge removes none. This migration
-- counts the runs already stored, once (one scan of component_runs).
-- Runs unchanged on H2 2.x and PostgreSQL 15. Shipped migrations are never edited.

CREATE TABLE IF NOT EXISTS component_run_counts (
  component VARCHAR NOT NULL,
  status    VARCHAR NOT NULL,   -- as component_runs.status: 'ok' or 'failed'
  runs      BIGINT NOT NULL,
  PRIMARY KEY (component, status)
);

INSERT INTO component_run_counts (component, status, runs)
  SELECT component, status, COUNT(*) FROM component_runs GROUP BY component, status;
