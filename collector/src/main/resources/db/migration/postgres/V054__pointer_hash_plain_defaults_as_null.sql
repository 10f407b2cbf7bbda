-- mltrace collector schema, version 54 (PostgreSQL only): fewer bytes per run, and no uniqueness
-- check of pointers on the ingest path (issue 15). H2 is unchanged (its data is already under the
-- target). Each statement can run again after an interruption. Shipped migrations are never
-- edited.
--
-- 1. Pointer identifiers are found through a plain hash index; their uniqueness is the
--    collector's. V051 kept them unique through an exclusion constraint over a hash index; its
--    check, an index scan and a heap fetch for every row stored, made a COPY of pointers 2.5 times
--    slower than the same COPY with a plain hash index (3.6 against 1.5 s for 400,000 rows) and
--    ingest about 15% slower. Only ingest transactions write pointers; they hold the ingest lock
--    (JdbcIngestTransaction#lockForIngest) and look every identifier up before they store it, so
--    none is stored twice. The index fills its buckets (fillfactor 100): at 75%, the default, a
--    hash index splits its buckets early and grows by doublings, 37 to 48 bytes an entry
--    depending on where it is between two; full, 30 at any size.
--    (Run ids keep their primary key. A hash index there took 30 bytes a run instead of 71, but
--    scattered each batch's look-ups and inserts over the whole index: storing 100,000 runs into
--    a 10-million-run history read 128,000 more index pages, where the B-tree finds the ids of
--    one agent's batch, AGENT-122000 ... AGENT-123999, in one range of its pages.)
-- 2. A run's status 'ok' and its unrecorded_before 0, what nearly every run has, are stored as
--    NULL: 16 bytes of a run row's 8-byte-aligned columns. The view component_runs shows them as
--    before; runs stored earlier keep their values (rewriting them would double the table for a
--    while and gain nothing they do not already take).
-- 3. The B-trees whose keys only grow (run_key, a dependency's run key, pointer_key; drawn from
--    sequences in the order runs are stored) fill their pages: the 10% a B-tree leaves free for
--    later inserts between its keys would stay empty.

-- 1. The plain hash index, then the exclusion constraint goes.
CREATE INDEX IF NOT EXISTS io_pointers_by_identifier ON io_pointers USING hash (identifier)
  WITH (fillfactor = 100);
ALTER TABLE io_pointers DROP CONSTRAINT IF EXISTS io_pointers_identifier_unique;

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
