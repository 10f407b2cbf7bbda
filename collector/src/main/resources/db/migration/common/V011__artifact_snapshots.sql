-- mltrace collector schema: artifact snapshots (variables marked `snapshot: true` in the YAML).
-- Runs unchanged on H2 2.x and PostgreSQL 15. Shipped migrations are never edited.

-- Per run and variable: what the collector did with the file the pointer named.
CREATE TABLE artifact_snapshots (
    run_id       VARCHAR NOT NULL REFERENCES component_runs (id),
    direction    VARCHAR NOT NULL,   -- 'input' or 'output'
    name         VARCHAR NOT NULL,   -- the variable's name
    pointer_id   VARCHAR NOT NULL,   -- the file's path, as in io_pointers
    status       VARCHAR NOT NULL,   -- stored, duplicate, too_large, changed, missing, not_a_file, failed
    content_hash VARCHAR,            -- 'sha256:HEX' for stored and duplicate
    size         BIGINT,             -- bytes, when known
    store_host   VARCHAR NOT NULL,   -- the host whose collector holds the copy
    store_dir    VARCHAR NOT NULL,   -- its artifact store directory
    detail       VARCHAR,            -- why a snapshot was skipped
    copied_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, direction, name)
);
CREATE INDEX artifact_snapshots_by_hash ON artifact_snapshots (content_hash);

-- How far the snapshot copier has read each queue (it reads only entries already stored).
CREATE TABLE artifact_positions (
    queue_id   VARCHAR PRIMARY KEY,
    last_index BIGINT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
