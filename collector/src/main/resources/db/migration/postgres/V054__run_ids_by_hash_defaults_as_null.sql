-- mltrace collector schema, version 54 (PostgreSQL only): fewer bytes per run, and no uniqueness
-- check on the ingest path (issue 15). H2 is unchanged (its data is already under the target). Each
-- statement can run again after an interruption. Shipped migrations are never edited.
--
-- 1. Run ids and pointer identifiers are found through plain hash indexes; their uniqueness is
--    the collector's. The primary key's B-tree held every run id in full in pages split in half
--    (an agent's ids, AGENT-1 ... AGENT-10 ..., do not arrive in text order): 71 bytes a run in
--    `mltrace bench`; a hash index 30. V051 kept identifiers unique through an exclusion
--    constraint over a hash index; its check, an index scan and a heap fetch for every row
--    stored, made a COPY of pointers 2.5 times slower than the same COPY with a plain hash index
--    (1.5 against 3.6 s for 400,000 rows) and ingest about 15% slower. Only ingest transactions
--    write runs and pointers, they hold the ingest lock (JdbcIngestTransaction#lockForIngest) and
--    look every id and identifier up before they store it, so none is stored twice; a run
--    written by hand through the view component_runs is checked by its trigger below. Both hash
--    indexes fill their buckets (fillfactor 100): at 75%, the default, a hash index splits its
--    buckets early and grows by doublings, 37 to 48 bytes an entry depending on where it is
--    between two; full, 30 at any size. The collector asks for many ids as `id IN (SELECT
--    unnest(array))` (SqlDialect.identifierIn), one probe each, as for pointers since V051.
-- 2. A run's status 'ok' and its unrecorded_before 0, what nearly every run has, are stored as
--    NULL: 16 bytes of a run row's 8-byte-aligned columns. The view component_runs shows them as
--    before; runs stored earlier keep their values (rewriting them would double the table for a
--    while and gain nothing they do not already take).
-- 3. The B-trees whose keys only grow (run_key, a dependency's run key, pointer_key; drawn from
--    sequences in the order runs are stored) fill their pages: the 10% a B-tree leaves free for
--    later inserts between its keys would stay empty.

-- 1. The hash indexes, then the unique ones go. The foreign key of artifact_snapshots needs a
--    unique B-tree to point at; triggers below keep its checks.
CREATE INDEX IF NOT EXISTS component_runs_by_id ON run_rows USING hash (id)
  WITH (fillfactor = 100);
ALTER TABLE artifact_snapshots DROP CONSTRAINT IF EXISTS artifact_snapshots_run_id_fkey;
ALTER TABLE run_rows DROP CONSTRAINT IF EXISTS component_runs_pkey;

CREATE INDEX IF NOT EXISTS io_pointers_by_identifier ON io_pointers USING hash (identifier)
  WITH (fillfactor = 100);
ALTER TABLE io_pointers DROP CONSTRAINT IF EXISTS io_pointers_identifier_unique;

-- A snapshot is of a stored run: the run is locked against deletion until the snapshot's
-- transaction ends, as the foreign key's check did.
CREATE OR REPLACE FUNCTION mltrace_snapshot_of_stored_run() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM run_rows WHERE id = NEW.run_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = 'insert or update on table "artifact_snapshots" violates foreign key constraint'
          || ' "artifact_snapshots_run_id_fkey"',
      DETAIL = format('Key (run_id)=(%s) is not present in table "run_rows".', NEW.run_id);
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS artifact_snapshots_of_stored_run ON artifact_snapshots;
CREATE TRIGGER artifact_snapshots_of_stored_run BEFORE INSERT OR UPDATE OF run_id
  ON artifact_snapshots FOR EACH ROW EXECUTE FUNCTION mltrace_snapshot_of_stored_run();

-- A run with snapshots is not deleted before them (compaction and purge delete them first).
CREATE OR REPLACE FUNCTION mltrace_runs_deleted_after_snapshots() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  kept text;
BEGIN
  SELECT s.run_id INTO kept FROM artifact_snapshots s JOIN deleted_runs d ON d.id = s.run_id
  LIMIT 1;
  IF kept IS NOT NULL THEN
    RAISE foreign_key_violation USING
      MESSAGE = 'update or delete on table "run_rows" violates foreign key constraint'
          || ' "artifact_snapshots_run_id_fkey" on table "artifact_snapshots"',
      DETAIL = format('Key (id)=(%s) is still referenced from table "artifact_snapshots".', kept);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS run_rows_deleted_after_snapshots ON run_rows;
CREATE TRIGGER run_rows_deleted_after_snapshots AFTER DELETE ON run_rows
  REFERENCING OLD TABLE AS deleted_runs
  FOR EACH STATEMENT EXECUTE FUNCTION mltrace_runs_deleted_after_snapshots();

-- Nor is the id of a run with snapshots changed.
CREATE OR REPLACE FUNCTION mltrace_run_renamed_after_snapshots() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM artifact_snapshots WHERE run_id = OLD.id) THEN
    RAISE foreign_key_violation USING
      MESSAGE = 'update or delete on table "run_rows" violates foreign key constraint'
          || ' "artifact_snapshots_run_id_fkey" on table "artifact_snapshots"',
      DETAIL = format('Key (id)=(%s) is still referenced from table "artifact_snapshots".', OLD.id);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS run_rows_renamed_after_snapshots ON run_rows;
CREATE TRIGGER run_rows_renamed_after_snapshots AFTER UPDATE OF id ON run_rows
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION mltrace_run_renamed_after_snapshots();

-- Nor are the runs truncated while snapshots are kept.
CREATE OR REPLACE FUNCTION mltrace_runs_truncated_after_snapshots() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM artifact_snapshots) THEN
    RAISE feature_not_supported USING
      MESSAGE = 'cannot truncate run_rows while artifact_snapshots has rows: delete them first';
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS run_rows_truncated_after_snapshots ON run_rows;
CREATE TRIGGER run_rows_truncated_after_snapshots BEFORE TRUNCATE ON run_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mltrace_runs_truncated_after_snapshots();

-- 2. The defaults as NULL.
ALTER TABLE run_rows ALTER COLUMN status DROP NOT NULL;
ALTER TABLE run_rows ALTER COLUMN unrecorded_before DROP NOT NULL;
ALTER TABLE run_rows ALTER COLUMN unrecorded_before DROP DEFAULT;

CREATE OR REPLACE VIEW component_runs AS
SELECT r.id, r.component, o.method, o.agent_id, o.host, o.pid, o.thread, r.start_time,
    r.end_time, r.duration_nanos, o.code_version, o.git_commit,
    CAST(coalesce(r.status, 'ok') AS VARCHAR) AS status, r.error_class, r.error_message,
    r.ingested_at, coalesce(r.unrecorded_before, 0) AS unrecorded_before, r.run_key,
    r.value_template, r.value_entries
FROM run_rows r
LEFT JOIN run_origins o ON o.origin_key = r.origin_key;

CREATE OR REPLACE FUNCTION mltrace_component_runs_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM run_rows WHERE id = OLD.id;
    RETURN OLD;
  END IF;
  IF NEW.status IS NULL THEN
    RAISE not_null_violation USING
      MESSAGE = 'null value in column "status" of relation "component_runs" violates not-null'
          || ' constraint';
  END IF;
  IF (TG_OP = 'INSERT' OR NEW.id IS DISTINCT FROM OLD.id)
      AND EXISTS (SELECT 1 FROM run_rows WHERE id = NEW.id) THEN
    RAISE unique_violation USING
      MESSAGE = format('a run with id %s is already stored', NEW.id),
      DETAIL = 'run ids are unique; run_rows keeps them through its hash index'
          || ' component_runs_by_id and the collector''s ingest lock';
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO run_rows (id, component, start_time, end_time, duration_nanos, status,
        error_class, error_message, ingested_at, unrecorded_before, run_key, value_template,
        value_entries, origin_key)
    VALUES (NEW.id, NEW.component, NEW.start_time, NEW.end_time, NEW.duration_nanos,
        nullif(NEW.status, 'ok'), NEW.error_class, NEW.error_message, NEW.ingested_at,
        nullif(NEW.unrecorded_before, 0), coalesce(NEW.run_key, nextval('run_keys')),
        NEW.value_template, NEW.value_entries,
        mltrace_origin(NEW.method, NEW.agent_id, NEW.host, NEW.pid, NEW.thread,
            NEW.code_version, NEW.git_commit));
    RETURN NEW;
  END IF;
  UPDATE run_rows SET id = NEW.id, component = NEW.component, start_time = NEW.start_time,
      end_time = NEW.end_time, duration_nanos = NEW.duration_nanos,
      status = nullif(NEW.status, 'ok'), error_class = NEW.error_class,
      error_message = NEW.error_message, ingested_at = NEW.ingested_at,
      unrecorded_before = nullif(NEW.unrecorded_before, 0), run_key = NEW.run_key,
      value_template = NEW.value_template, value_entries = NEW.value_entries,
      origin_key = mltrace_origin(NEW.method, NEW.agent_id, NEW.host, NEW.pid, NEW.thread,
          NEW.code_version, NEW.git_commit)
  WHERE id = OLD.id;
  RETURN NEW;
END
$$;

-- 3. Full pages for keys that only grow.
ALTER INDEX component_runs_by_key SET (fillfactor = 100);
ALTER INDEX run_dependency_keys_pkey SET (fillfactor = 100);
ALTER INDEX io_pointers_by_key SET (fillfactor = 100);
