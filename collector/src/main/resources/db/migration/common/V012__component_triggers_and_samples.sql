-- mltrace collector schema: what event format 4 adds (issue 5: trigger declarations, staleness,
-- samples). Runs unchanged on H2 2.x and PostgreSQL 15. Each statement can run again after an
-- interruption (IF NOT EXISTS), because H2 commits DDL statement by statement. Shipped migrations
-- are never edited.

-- The component's stale_after in seconds; null means the default (30 days).
ALTER TABLE components ADD COLUMN IF NOT EXISTS stale_after_seconds BIGINT;

-- The component's before_run/after_run declarations from its latest ComponentEvent (a new
-- declaration replaces all of the component's rows).
CREATE TABLE IF NOT EXISTS component_triggers (
    component    VARCHAR NOT NULL,
    phase        VARCHAR NOT NULL,      -- before_run | after_run
    position     INTEGER NOT NULL,      -- order within the phase's list, from 0
    trigger_name VARCHAR NOT NULL,
    user_trigger BOOLEAN NOT NULL,
    args         VARCHAR NOT NULL,      -- JSON object of string values
    alert        BOOLEAN,               -- null = the trigger's default
    source       VARCHAR,               -- file.yaml:LINE
    PRIMARY KEY (component, phase, position)
);

-- The sample and element hashes the agent captured for a value because a declared trigger needs
-- them (see docs/event-format.md); one row per value that carried either.
CREATE TABLE IF NOT EXISTS run_value_samples (
    run_id         VARCHAR NOT NULL,
    direction      VARCHAR NOT NULL,    -- input | output
    position       INTEGER NOT NULL,
    sample_values  BYTEA,               -- big-endian IEEE doubles, or null
    element_hashes BYTEA,               -- big-endian longs, or null
    PRIMARY KEY (run_id, direction, position)
);
