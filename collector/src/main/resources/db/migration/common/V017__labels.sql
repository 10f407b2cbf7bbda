-- mltrace collector schema: information-flow labels (issue 6). Runs unchanged on H2 2.x and
-- PostgreSQL 15, and is re-runnable (H2 commits DDL statement by statement).

-- `mltrace label add POINTER LABEL`: a label on an input; everything derived from the pointer
-- carries it (computed through run_dependencies when asked, never copied).
CREATE TABLE IF NOT EXISTS pointer_labels (
    pointer_id VARCHAR NOT NULL REFERENCES io_pointers (identifier),
    label      VARCHAR NOT NULL,
    added_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (pointer_id, label)
);
CREATE INDEX IF NOT EXISTS pointer_labels_by_label ON pointer_labels (label);

-- `mltrace label retract LABEL`: a deletion request; runs that start later and derive from the
-- label's data are warned about by trace and inspect.
CREATE TABLE IF NOT EXISTS label_retractions (
    label        VARCHAR PRIMARY KEY,
    retracted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
