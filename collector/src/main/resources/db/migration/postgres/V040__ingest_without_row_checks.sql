-- mltrace collector schema, version 40 (PostgreSQL): what made storing a run slow beyond its rows
-- (issue 15, measured in docs/performance.md, "Where the time went").
--
-- The foreign keys of run_dependencies (its run, the run it depends on, the pointer) and of
-- component_runs (its component) ran a trigger per inserted row that looked up and share-locked
-- the referenced row: loading the bench's 20,000 dependency rows took 650-900 ms with them and
-- 70-130 ms without. Only the collector writes these rows, in the transaction that writes (or
-- has already committed) what they reference; purge and compaction delete dependencies before
-- their runs. The tables' other constraints (primary keys, NOT NULL) stay.
ALTER TABLE run_dependencies DROP CONSTRAINT IF EXISTS run_dependencies_run_id_fkey;
ALTER TABLE run_dependencies DROP CONSTRAINT IF EXISTS run_dependencies_depends_on_run_id_fkey;
ALTER TABLE run_dependencies DROP CONSTRAINT IF EXISTS run_dependencies_pointer_id_fkey;
ALTER TABLE component_runs DROP CONSTRAINT IF EXISTS component_runs_component_fkey;

-- The collector analyzes the run tables while they grow (JdbcIngestStore). Statistics on the
-- value arrays, which no query filters on, made ANALYZE of component_runs take 580 ms at 20,000
-- runs, against 40-70 ms for each other table.
ALTER TABLE component_runs ALTER COLUMN input_values SET STATISTICS 0;
ALTER TABLE component_runs ALTER COLUMN output_values SET STATISTICS 0;
ALTER TABLE component_runs ALTER COLUMN value_summaries SET STATISTICS 0;
