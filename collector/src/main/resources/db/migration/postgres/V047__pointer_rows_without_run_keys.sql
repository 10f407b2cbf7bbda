-- mltrace collector schema, version 47 (PostgreSQL): run_reads and run_writes lose their
-- (run_id, position) primary keys (issue 15). Every look-up of these tables is by pointer, through
-- run_reads_by_pointer (pointer_id, run_id) and run_writes_by_pointer_end (pointer_id, end_time
-- DESC, run_id DESC); what a run read or wrote is read from its own value arrays (V025, the
-- run_inputs/run_outputs views of V026). The keys took 208 of the 2,918 bytes a `mltrace bench`
-- run stored, and loading the bench's rows without them ran 1.3 times as fast (docs/performance.md,
-- "Session 10 quiet window"). A run's rows are written once, with the run, in the transaction that
-- stores it; the run's own key (component_runs.id) keeps it stored once. H2 drops the same keys in
-- db/migration/h2 (Java: H2 named them itself). Shipped migrations are never edited.
ALTER TABLE run_reads DROP CONSTRAINT IF EXISTS run_reads_pkey;
ALTER TABLE run_writes DROP CONSTRAINT IF EXISTS run_writes_pkey;
