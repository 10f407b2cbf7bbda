-- mltrace collector schema, version 26 (H2): run_inputs, run_outputs and run_value_summaries as
-- views over the arrays of component_runs (V025), with the columns the tables had. H2 has no
-- LATERAL: each run is joined with the positions below the length of its array (0 for none: H2
-- fails on a NULL range bound). A query on a view
-- should name its runs (run_id, or a join from component_runs): H2 may otherwise read the runs once
-- per position. The PostgreSQL views are the same but for the join (db/migration/postgres).
-- Shipped migrations are never edited.

CREATE OR REPLACE VIEW run_inputs AS
SELECT r.id AS run_id, CAST(p.x AS INTEGER) AS position,
    r.input_values[p.x * 8 + 1] AS name,
    r.input_values[p.x * 8 + 2] AS value_kind,
    r.input_values[p.x * 8 + 3] AS value_text,
    CASE WHEN r.input_values[p.x * 8 + 2] = 'POINTER' THEN r.input_values[p.x * 8 + 3] END AS pointer_id,
    r.input_values[p.x * 8 + 4] AS class_name,
    CAST(r.input_values[p.x * 8 + 5] AS BIGINT) AS size,
    r.input_values[p.x * 8 + 6] AS value_type,
    CAST(r.input_values[p.x * 8 + 7] AS TIMESTAMP WITH TIME ZONE) AS modified_at,
    r.input_values[p.x * 8 + 8] AS fingerprint
FROM component_runs r JOIN SYSTEM_RANGE(0, 4095) p ON p.x < COALESCE(CARDINALITY(r.input_values), 0) / 8;

CREATE OR REPLACE VIEW run_outputs AS
SELECT r.id AS run_id, CAST(p.x AS INTEGER) AS position,
    r.output_values[p.x * 8 + 1] AS name,
    r.output_values[p.x * 8 + 2] AS value_kind,
    r.output_values[p.x * 8 + 3] AS value_text,
    CASE WHEN r.output_values[p.x * 8 + 2] = 'POINTER' THEN r.output_values[p.x * 8 + 3] END AS pointer_id,
    r.output_values[p.x * 8 + 4] AS class_name,
    CAST(r.output_values[p.x * 8 + 5] AS BIGINT) AS size,
    r.output_values[p.x * 8 + 6] AS value_type,
    CAST(r.output_values[p.x * 8 + 7] AS TIMESTAMP WITH TIME ZONE) AS modified_at,
    r.output_values[p.x * 8 + 8] AS fingerprint,
    r.end_time
FROM component_runs r JOIN SYSTEM_RANGE(0, 4095) p ON p.x < COALESCE(CARDINALITY(r.output_values), 0) / 8;

CREATE OR REPLACE VIEW run_value_summaries AS
SELECT r.id AS run_id,
    r.value_summaries[p.x * 13 + 1] AS direction,
    CAST(r.value_summaries[p.x * 13 + 2] AS INTEGER) AS position,
    r.value_summaries[p.x * 13 + 3] AS elements,
    r.value_summaries[p.x * 13 + 4] AS sampling,
    CAST(r.value_summaries[p.x * 13 + 5] AS BIGINT) AS element_count,
    CAST(r.value_summaries[p.x * 13 + 6] AS BIGINT) AS sampled,
    CAST(r.value_summaries[p.x * 13 + 7] AS BIGINT) AS null_count,
    CAST(r.value_summaries[p.x * 13 + 8] AS BIGINT) AS nan_count,
    CAST(r.value_summaries[p.x * 13 + 9] AS DOUBLE PRECISION) AS min_value,
    CAST(r.value_summaries[p.x * 13 + 10] AS DOUBLE PRECISION) AS max_value,
    CAST(r.value_summaries[p.x * 13 + 11] AS DOUBLE PRECISION) AS mean_value,
    CAST(r.value_summaries[p.x * 13 + 12] AS DOUBLE PRECISION) AS stddev_value,
    CAST(r.value_summaries[p.x * 13 + 13] AS BIGINT) AS distinct_estimate
FROM component_runs r JOIN SYSTEM_RANGE(0, 4095) p ON p.x < COALESCE(CARDINALITY(r.value_summaries), 0) / 13;
