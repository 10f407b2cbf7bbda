-- mltrace collector schema, version 2: what event format 2 adds.
-- Runs unchanged on H2 2.x and PostgreSQL 15 (one column per ALTER; DOUBLE PRECISION is both's
-- 8-byte float). Shipped migrations are never edited: add V003__...

-- The YAML's type: of the variable (data, model, endpoint, metric), when given.
ALTER TABLE run_inputs ADD COLUMN value_type VARCHAR;
ALTER TABLE run_outputs ADD COLUMN value_type VARCHAR;

-- File pointers: the file's modification time and content fingerprint when the run read or
-- wrote it ('xxh64:HEX' whole file, 'xxh64s:HEX' sampled), so two versions of a path differ.
ALTER TABLE run_inputs ADD COLUMN modified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE run_inputs ADD COLUMN fingerprint VARCHAR;
ALTER TABLE run_outputs ADD COLUMN modified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE run_outputs ADD COLUMN fingerprint VARCHAR;

-- The summary of an array, collection or map input or output, computed by the agent on a sample.
CREATE TABLE run_value_summaries (
    run_id        VARCHAR NOT NULL REFERENCES component_runs (id),
    direction     VARCHAR NOT NULL,    -- 'input' or 'output'
    position      INTEGER NOT NULL,    -- the value's position in run_inputs or run_outputs
    elements      VARCHAR NOT NULL,    -- 'number', 'string' (moments of lengths) or 'none'
    sampling      VARCHAR NOT NULL,    -- 'all', 'stride' or 'head'
    element_count BIGINT NOT NULL,     -- exact size
    sampled       BIGINT NOT NULL,     -- elements read; the columns below describe only them
    null_count    BIGINT NOT NULL,
    nan_count     BIGINT NOT NULL,
    min_value     DOUBLE PRECISION,    -- NULL when the sample held no number
    max_value     DOUBLE PRECISION,
    mean_value    DOUBLE PRECISION,
    stddev_value  DOUBLE PRECISION,    -- population standard deviation
    distinct_estimate BIGINT NOT NULL, -- linear counting over the sample
    PRIMARY KEY (run_id, direction, position)
);
