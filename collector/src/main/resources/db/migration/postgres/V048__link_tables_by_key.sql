-- mltrace collector schema, version 48 (PostgreSQL): the link tables refer to runs and pointers by
-- bigint keys (issue 15, bytes per run). run_reads, run_writes and run_dependencies repeated each
-- run id and pointer identifier as text in their rows and in their indexes: 990 of the 2,727 bytes
-- a `mltrace bench` run stored. Their rows move to run_read_keys, run_write_keys and
-- run_dependency_keys, which hold component_runs.run_key and io_pointers.pointer_key; the old names
-- become views with the old columns, so `mltrace sql` queries that read them still run.
--
-- Keys come from the sequences run_keys and pointer_keys, 1,000 a call: a collector takes a block
-- with one nextval and numbers its rows from it; a row inserted by hand gets one from the column
-- default. H2 does the same in db/migration/h2 (Java). Shipped migrations are never edited.

CREATE SEQUENCE run_keys INCREMENT BY 1000;
CREATE SEQUENCE pointer_keys INCREMENT BY 1000;

-- A volatile default fills the new column row by row as ADD COLUMN rewrites the table, once.
-- Filling it by an UPDATE afterwards left every row's old version behind: a component_runs of
-- 50,000 one-value runs grew from 10.0 to 20.2 MB (10.2 MB so), and VACUUM did not give it back.
ALTER TABLE component_runs ADD COLUMN run_key BIGINT NOT NULL DEFAULT nextval('run_keys');
CREATE UNIQUE INDEX component_runs_by_key ON component_runs (run_key);

ALTER TABLE io_pointers ADD COLUMN pointer_key BIGINT NOT NULL DEFAULT nextval('pointer_keys');
CREATE UNIQUE INDEX io_pointers_by_key ON io_pointers (pointer_key);

-- Columns widest first, so PostgreSQL pads none of them.
CREATE TABLE run_read_keys (
    pointer_key BIGINT NOT NULL,
    run_key     BIGINT NOT NULL,
    position    INTEGER NOT NULL,
    name        VARCHAR,
    fingerprint VARCHAR
);
INSERT INTO run_read_keys (pointer_key, run_key, position, name, fingerprint)
  SELECT p.pointer_key, r.run_key, x.position, x.name, x.fingerprint
  FROM run_reads x JOIN component_runs r ON r.id = x.run_id
  JOIN io_pointers p ON p.identifier = x.pointer_id;
DROP TABLE run_reads;
CREATE INDEX run_read_keys_by_pointer ON run_read_keys (pointer_key, run_key);

CREATE TABLE run_write_keys (
    pointer_key BIGINT NOT NULL,
    end_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    run_key     BIGINT NOT NULL,
    position    INTEGER NOT NULL,
    fingerprint VARCHAR
);
INSERT INTO run_write_keys (pointer_key, end_time, run_key, position, fingerprint)
  SELECT p.pointer_key, x.end_time, r.run_key, x.position, x.fingerprint
  FROM run_writes x JOIN component_runs r ON r.id = x.run_id
  JOIN io_pointers p ON p.identifier = x.pointer_id;
DROP TABLE run_writes;
CREATE INDEX run_write_keys_by_pointer_end
    ON run_write_keys (pointer_key, end_time DESC, run_key DESC);

CREATE TABLE run_dependency_keys (
    run_key            BIGINT NOT NULL,
    pointer_key        BIGINT NOT NULL,
    depends_on_run_key BIGINT NOT NULL,
    PRIMARY KEY (run_key, pointer_key)
);
INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key)
  SELECT r.run_key, p.pointer_key, u.run_key
  FROM run_dependencies x JOIN component_runs r ON r.id = x.run_id
  JOIN component_runs u ON u.id = x.depends_on_run_id
  JOIN io_pointers p ON p.identifier = x.pointer_id;
DROP TABLE run_dependencies;
CREATE INDEX run_dependency_keys_by_upstream ON run_dependency_keys (depends_on_run_key);

CREATE VIEW run_reads AS
SELECT r.id AS run_id, k.position, p.identifier AS pointer_id, k.name, k.fingerprint
FROM run_read_keys k JOIN component_runs r ON r.run_key = k.run_key
JOIN io_pointers p ON p.pointer_key = k.pointer_key;

CREATE VIEW run_writes AS
SELECT r.id AS run_id, k.position, p.identifier AS pointer_id, k.fingerprint, k.end_time
FROM run_write_keys k JOIN component_runs r ON r.run_key = k.run_key
JOIN io_pointers p ON p.pointer_key = k.pointer_key;

CREATE VIEW run_dependencies AS
SELECT r.id AS run_id, u.id AS depends_on_run_id, p.identifier AS pointer_id
FROM run_dependency_keys k JOIN component_runs r ON r.run_key = k.run_key
JOIN component_runs u ON u.run_key = k.depends_on_run_key
JOIN io_pointers p ON p.pointer_key = k.pointer_key;

-- Statistics for the new tables and key columns now, not when autovacuum gets to them: the
-- look-ups join by key from the first batch after the upgrade (a fresh database analyzes itself
-- while it grows: JdbcIngestStore).
ANALYZE run_read_keys;
ANALYZE run_write_keys;
ANALYZE run_dependency_keys;
ANALYZE component_runs (run_key);
ANALYZE io_pointers (pointer_key);
