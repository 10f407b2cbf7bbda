-- mltrace collector schema, version 13: what the trigger engine stores (issue 5).
-- Runs unchanged on H2 2.x and PostgreSQL 15. Each statement can run again after an interruption
-- (IF NOT EXISTS), because H2 commits DDL statement by statement. Shipped migrations are never
-- edited: add V014__...

-- Runs whose triggers are still to be evaluated: written in the ingest transaction of a run whose
-- component declares triggers, deleted in the transaction that stores the run's results.
CREATE TABLE IF NOT EXISTS trigger_pending (
  run_id VARCHAR PRIMARY KEY, enqueued_at TIMESTAMP WITH TIME ZONE NOT NULL);

-- One row per run and declaration (phase, position in the phase's list).
CREATE TABLE IF NOT EXISTS trigger_results (
  run_id       VARCHAR NOT NULL,
  phase        VARCHAR NOT NULL,       -- before_run | after_run
  position     INTEGER NOT NULL,
  component    VARCHAR NOT NULL,
  trigger_name VARCHAR NOT NULL,
  status       VARCHAR NOT NULL,       -- pass | fail | error
  value        DOUBLE PRECISION,
  threshold    DOUBLE PRECISION,
  message      VARCHAR,
  alert        BOOLEAN NOT NULL,       -- resolved: declaration's alert or the trigger's default
  evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  duration_micros BIGINT NOT NULL,
  PRIMARY KEY (run_id, phase, position));
CREATE INDEX IF NOT EXISTS trigger_results_by_component ON trigger_results (component, trigger_name, evaluated_at);
