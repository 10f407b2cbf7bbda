-- mltrace collector schema, version 50 (PostgreSQL): a run's values, outputs and summaries as one
-- text column each instead of a VARCHAR array (issue 15, bytes per run). PostgreSQL gives every
-- array element a 4-byte length and pads it to 4 bytes: on a `mltrace bench` of 100,000 runs the
-- three arrays took 236, 290 and 144 bytes a row, the same entries joined as text 160, 212 and 66.
-- H2 keeps its arrays (db/migration/h2 has no V050). Shipped migrations are never edited.
--
-- The text: the array's entries joined by U+001F, a NULL entry written as the single character
-- U+0001. U+0002 starts an escape: an entry's own U+001F, U+0001 and U+0002 are written U+0002
-- U+0003, U+0002 U+0004 and U+0002 U+0005. An empty array is SQL NULL, as is a NULL array. The
-- collector writes it (ValueEntriesText); mltrace_entries reads it back as the array.

-- The entries of a value column as the array they were. Without escapes (U+0002) it is
-- string_to_array; with them, the text is turned into an array literal ({"...","..."}, quotes and
-- backslashes escaped, a NULL entry unquoted NULL) and the escapes undone on the whole literal:
-- every U+0002 starts an escape and no escape code is U+0002, so the three replaces in turn
-- decode it. One expression, not STRICT and without a subquery, so that PostgreSQL inlines it
-- into the queries that call it (a call it cannot inline cost 3-5 us a row). STABLE, not
-- IMMUTABLE: the cast of the literal (array_in) is STABLE, and PostgreSQL does not inline an
-- IMMUTABLE function whose body is not.
CREATE FUNCTION mltrace_entries(entries text) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN strpos(entries, E'\x02') = 0 AND entries <> ''
      THEN string_to_array(entries, E'\x1f', E'\x01')
    ELSE CAST(replace(replace(replace(replace(
        '{"' || replace(replace(replace(entries, '\', '\\'), '"', '\"'), E'\x1f', '","') || '"}',
        E'"\x01"', 'NULL'),
        E'\x02\x03', E'\x1f'), E'\x02\x04', E'\x01'), E'\x02\x05', E'\x02') AS text[])
  END
$$;

-- The inverse: an array as the text the collector writes (NULL for NULL or an empty array). For
-- this migration and for rows written by hand.
CREATE FUNCTION mltrace_entries_text(entries text[]) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN cardinality(entries) = 0 THEN NULL
    WHEN array_to_string(entries, '') !~ E'[\x01\x02\x1f]'
      THEN array_to_string(entries, E'\x1f', E'\x01')
    ELSE array_to_string(ARRAY(
        SELECT replace(replace(replace(e, E'\x02', E'\x02\x05'), E'\x1f', E'\x02\x03'),
            E'\x01', E'\x02\x04')
        FROM unnest(entries) WITH ORDINALITY AS u(e, n)
        ORDER BY n), E'\x1f', E'\x01')
  END
$$;

-- The views read the columns; they go while the columns change type.
DROP VIEW run_inputs;
DROP VIEW run_outputs;
DROP VIEW run_value_summaries;

-- One statement, so that the table is rewritten once.
ALTER TABLE component_runs
  ALTER COLUMN input_values TYPE TEXT USING mltrace_entries_text(input_values),
  ALTER COLUMN output_values TYPE TEXT USING mltrace_entries_text(output_values),
  ALTER COLUMN value_summaries TYPE TEXT USING mltrace_entries_text(value_summaries);

-- As V040: no statistics on columns no query filters on (ANALYZE would sample their text).
ALTER TABLE component_runs ALTER COLUMN input_values SET STATISTICS 0;
ALTER TABLE component_runs ALTER COLUMN output_values SET STATISTICS 0;
ALTER TABLE component_runs ALTER COLUMN value_summaries SET STATISTICS 0;

-- The views of V026, with the same names, columns, types and order, over the decoded entries.
-- mltrace_entries is called in FROM (LATERAL), once per run: called in each column, or in a
-- LATERAL subquery that PostgreSQL flattens into them, it decoded the run once per column and
-- position. The function gives text[]: the casts give the views the VARCHAR columns they had (a
-- function that returned VARCHAR[] would not be inlined).
CREATE VIEW run_inputs AS
SELECT r.id AS run_id, p.x AS position,
    CAST(e.v[p.x * 8 + 1] AS VARCHAR) AS name,
    CAST(e.v[p.x * 8 + 2] AS VARCHAR) AS value_kind,
    CAST(e.v[p.x * 8 + 3] AS VARCHAR) AS value_text,
    CASE WHEN e.v[p.x * 8 + 2] = 'POINTER' THEN CAST(e.v[p.x * 8 + 3] AS VARCHAR) END AS pointer_id,
    CAST(e.v[p.x * 8 + 4] AS VARCHAR) AS class_name,
    CAST(e.v[p.x * 8 + 5] AS BIGINT) AS size,
    CAST(e.v[p.x * 8 + 6] AS VARCHAR) AS value_type,
    CAST(e.v[p.x * 8 + 7] AS TIMESTAMP WITH TIME ZONE) AS modified_at,
    CAST(e.v[p.x * 8 + 8] AS VARCHAR) AS fingerprint
FROM component_runs r
CROSS JOIN LATERAL mltrace_entries(r.input_values) AS e(v)
CROSS JOIN LATERAL generate_series(0, cardinality(e.v) / 8 - 1) AS p(x);

CREATE VIEW run_outputs AS
SELECT r.id AS run_id, p.x AS position,
    CAST(e.v[p.x * 8 + 1] AS VARCHAR) AS name,
    CAST(e.v[p.x * 8 + 2] AS VARCHAR) AS value_kind,
    CAST(e.v[p.x * 8 + 3] AS VARCHAR) AS value_text,
    CASE WHEN e.v[p.x * 8 + 2] = 'POINTER' THEN CAST(e.v[p.x * 8 + 3] AS VARCHAR) END AS pointer_id,
    CAST(e.v[p.x * 8 + 4] AS VARCHAR) AS class_name,
    CAST(e.v[p.x * 8 + 5] AS BIGINT) AS size,
    CAST(e.v[p.x * 8 + 6] AS VARCHAR) AS value_type,
    CAST(e.v[p.x * 8 + 7] AS TIMESTAMP WITH TIME ZONE) AS modified_at,
    CAST(e.v[p.x * 8 + 8] AS VARCHAR) AS fingerprint,
    r.end_time
FROM component_runs r
CROSS JOIN LATERAL mltrace_entries(r.output_values) AS e(v)
CROSS JOIN LATERAL generate_series(0, cardinality(e.v) / 8 - 1) AS p(x);

CREATE VIEW run_value_summaries AS
SELECT r.id AS run_id,
    CAST(e.v[p.x * 13 + 1] AS VARCHAR) AS direction,
    CAST(e.v[p.x * 13 + 2] AS INTEGER) AS position,
    CAST(e.v[p.x * 13 + 3] AS VARCHAR) AS elements,
    CAST(e.v[p.x * 13 + 4] AS VARCHAR) AS sampling,
    CAST(e.v[p.x * 13 + 5] AS BIGINT) AS element_count,
    CAST(e.v[p.x * 13 + 6] AS BIGINT) AS sampled,
    CAST(e.v[p.x * 13 + 7] AS BIGINT) AS null_count,
    CAST(e.v[p.x * 13 + 8] AS BIGINT) AS nan_count,
    CAST(e.v[p.x * 13 + 9] AS DOUBLE PRECISION) AS min_value,
    CAST(e.v[p.x * 13 + 10] AS DOUBLE PRECISION) AS max_value,
    CAST(e.v[p.x * 13 + 11] AS DOUBLE PRECISION) AS mean_value,
    CAST(e.v[p.x * 13 + 12] AS DOUBLE PRECISION) AS stddev_value,
    CAST(e.v[p.x * 13 + 13] AS BIGINT) AS distinct_estimate
FROM component_runs r
CROSS JOIN LATERAL mltrace_entries(r.value_summaries) AS e(v)
CROSS JOIN LATERAL generate_series(0, cardinality(e.v) / 13 - 1) AS p(x);
