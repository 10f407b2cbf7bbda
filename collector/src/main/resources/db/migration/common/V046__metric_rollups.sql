-- mltrace collector schema, version 46: hourly rollups of a component's series for the Monitor
-- page and `history --metric --buckets` (issue 18: a million-run component's whole year took
-- 13-16 s, every run's arrays read again at each view). Written by the query, lazily, for hours
-- that ended a day or more before it ran; never by ingest. A span row says which hours of a series
-- are rolled up. A query that counts a different number of the component's runs in the hours it
-- reads than their rollups hold recomputes the hours whose count changed (runs stored late, or
-- compacted); a purge, which blanks values without removing runs, deletes the component's rollups.
-- Runs unchanged on H2 2.x and PostgreSQL 15. Shipped migrations are never edited.

CREATE TABLE IF NOT EXISTS metric_rollups (
  component    VARCHAR NOT NULL,
  metric       VARCHAR NOT NULL,            -- 'value:NAME' or 'summary:NAME.STAT'
  period_start BIGINT NOT NULL,             -- epoch microseconds, a whole hour
  runs_all     BIGINT NOT NULL,             -- the component's runs that started in the hour
  value_count  BIGINT NOT NULL,             -- of which had a finite value
  value_sum    DOUBLE PRECISION,
  value_min    DOUBLE PRECISION,
  value_max    DOUBLE PRECISION,
  first_run    VARCHAR,                     -- the smallest id among the runs with a value
  PRIMARY KEY (component, metric, period_start)
);

CREATE TABLE IF NOT EXISTS metric_rollup_spans (
  component    VARCHAR NOT NULL,
  metric       VARCHAR NOT NULL,
  covered_from BIGINT NOT NULL,             -- epoch microseconds: the hours [from, to) are rolled up
  covered_to   BIGINT NOT NULL,
  PRIMARY KEY (component, metric)
);
