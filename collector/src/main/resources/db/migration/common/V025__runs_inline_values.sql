-- mltrace collector schema, version 25: a run's values and summaries move into its own row, and only
-- pointer values keep a row of their own (issue 15). Storing six value rows, a summary row and
-- their nine index entries per run capped ingest at about 3,000 runs/s and 3,700-4,000 bytes per
-- run; lineage needs only the pointers. run_inputs, run_outputs and run_value_summaries become
-- views over the new shape (V026, written per database), with the same columns as before.
-- Runs on H2 2.x and PostgreSQL 15; each statement can run again after an interruption, because
-- H2 commits DDL statement by statement. Shipped migrations are never edited.

-- A run's inputs and outputs in YAML order, 8 entries per value, the value at position p from
-- entry 8p+1: name, value_kind, value_text, class_name, size, value_type, modified_at (ISO-8601),
-- fingerprint. Its summaries, 13 entries each: direction, position, elements, sampling,
-- element_count, sampled, null_count, nan_count, min_value, max_value, mean_value, stddev_value,
-- distinct_estimate. Numbers are written as text that reads back exactly.
ALTER TABLE component_runs ADD COLUMN IF NOT EXISTS input_values VARCHAR ARRAY;
ALTER TABLE component_runs ADD COLUMN IF NOT EXISTS output_values VARCHAR ARRAY;
ALTER TABLE component_runs ADD COLUMN IF NOT EXISTS value_summaries VARCHAR ARRAY;

-- One row per pointer a run read (the readers of a pointer, and the consumers of a new output),
-- with the input's name (staleness asks which runs read a pointer under a given name).
CREATE TABLE IF NOT EXISTS run_reads (
    run_id      VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    pointer_id  VARCHAR NOT NULL,
    name        VARCHAR,
    fingerprint VARCHAR,
    PRIMARY KEY (run_id, position)
);
CREATE INDEX IF NOT EXISTS run_reads_by_pointer ON run_reads (pointer_id, run_id);

-- One row per pointer a run wrote, with the run's end: the latest writers of a pointer are the
-- first entries of one index.
CREATE TABLE IF NOT EXISTS run_writes (
    run_id      VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    pointer_id  VARCHAR NOT NULL,
    fingerprint VARCHAR,
    end_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, position)
);
CREATE INDEX IF NOT EXISTS run_writes_by_pointer_end ON run_writes (pointer_id, end_time DESC, run_id DESC);

-- The rows of a database written before version 25. The field list of one value: its 8 entries
-- in order, for ARRAY_AGG ordered by position then field.
CREATE TABLE IF NOT EXISTS v025_fields (k INTEGER PRIMARY KEY);
DELETE FROM v025_fields;
INSERT INTO v025_fields (k) VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13);

UPDATE component_runs SET input_values = (
    SELECT ARRAY_AGG(CASE f.k WHEN 1 THEN v.name WHEN 2 THEN v.value_kind WHEN 3 THEN v.value_text
        WHEN 4 THEN v.class_name WHEN 5 THEN CAST(v.size AS VARCHAR) WHEN 6 THEN v.value_type
        WHEN 7 THEN CAST(v.modified_at AS VARCHAR) ELSE v.fingerprint END ORDER BY v.position, f.k)
    FROM run_inputs v JOIN v025_fields f ON f.k <= 8 WHERE v.run_id = component_runs.id)
  WHERE input_values IS NULL AND EXISTS (SELECT 1 FROM run_inputs v WHERE v.run_id = component_runs.id);

UPDATE component_runs SET output_values = (
    SELECT ARRAY_AGG(CASE f.k WHEN 1 THEN v.name WHEN 2 THEN v.value_kind WHEN 3 THEN v.value_text
        WHEN 4 THEN v.class_name WHEN 5 THEN CAST(v.size AS VARCHAR) WHEN 6 THEN v.value_type
        WHEN 7 THEN CAST(v.modified_at AS VARCHAR) ELSE v.fingerprint END ORDER BY v.position, f.k)
    FROM run_outputs v JOIN v025_fields f ON f.k <= 8 WHERE v.run_id = component_runs.id)
  WHERE output_values IS NULL AND EXISTS (SELECT 1 FROM run_outputs v WHERE v.run_id = component_runs.id);

UPDATE component_runs SET value_summaries = (
    SELECT ARRAY_AGG(CASE f.k WHEN 1 THEN s.direction WHEN 2 THEN CAST(s.position AS VARCHAR)
        WHEN 3 THEN s.elements WHEN 4 THEN s.sampling WHEN 5 THEN CAST(s.element_count AS VARCHAR)
        WHEN 6 THEN CAST(s.sampled AS VARCHAR) WHEN 7 THEN CAST(s.null_count AS VARCHAR)
        WHEN 8 THEN CAST(s.nan_count AS VARCHAR) WHEN 9 THEN CAST(s.min_value AS VARCHAR)
        WHEN 10 THEN CAST(s.max_value AS VARCHAR) WHEN 11 THEN CAST(s.mean_value AS VARCHAR)
        WHEN 12 THEN CAST(s.stddev_value AS VARCHAR) ELSE CAST(s.distinct_estimate AS VARCHAR) END
        ORDER BY s.direction, s.position, f.k)
    FROM run_value_summaries s CROSS JOIN v025_fields f WHERE s.run_id = component_runs.id)
  WHERE value_summaries IS NULL
    AND EXISTS (SELECT 1 FROM run_value_summaries s WHERE s.run_id = component_runs.id);

INSERT INTO run_reads (run_id, position, pointer_id, name, fingerprint)
  SELECT v.run_id, v.position, v.pointer_id, v.name, v.fingerprint FROM run_inputs v
  WHERE v.pointer_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM run_reads x WHERE x.run_id = v.run_id AND x.position = v.position);

INSERT INTO run_writes (run_id, position, pointer_id, fingerprint, end_time)
  SELECT v.run_id, v.position, v.pointer_id, v.fingerprint, v.end_time FROM run_outputs v
  WHERE v.pointer_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM run_writes x WHERE x.run_id = v.run_id AND x.position = v.position);

DROP TABLE IF EXISTS run_value_summaries;
DROP TABLE IF EXISTS run_inputs;
DROP TABLE IF EXISTS run_outputs;
DROP TABLE IF EXISTS v025_fields;
