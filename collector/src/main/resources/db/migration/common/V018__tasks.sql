-- mltrace collector schema: tasks, delayed ground truth (issue 5). Runs unchanged on H2 2.x and
-- PostgreSQL 15, and is re-runnable (H2 commits DDL statement by statement). See
-- docs/ground-truth.md for how the tables are used.

-- One row per YAML task, from the agent's task events (the newest declaration wins).
CREATE TABLE IF NOT EXISTS tasks (
    name                 VARCHAR PRIMARY KEY,
    kind                 VARCHAR NOT NULL,          -- binary | score | regression
    threshold            DOUBLE PRECISION,          -- score only
    prediction_component VARCHAR NOT NULL,
    prediction_id        VARCHAR NOT NULL,
    prediction_value     VARCHAR NOT NULL,
    feedback_component   VARCHAR,                   -- null: labels only from files
    feedback_id          VARCHAR,
    feedback_label       VARCHAR,
    window_seconds       BIGINT NOT NULL,           -- 0 for a last-N window
    window_last          BIGINT NOT NULL,           -- 0 for a duration window
    max_pairs            BIGINT NOT NULL,
    slas                 VARCHAR NOT NULL,          -- one per line: metric TAB op TAB number TAB alert TAB source
    source               VARCHAR,
    bucket_size          BIGINT NOT NULL,           -- micros (duration window) or labelled pairs (last N)
    next_seq             BIGINT NOT NULL,           -- the next joined pair's order number
    pairs_cut            BIGINT NOT NULL,           -- predictions over max_pairs, not captured
    pairs_unusable       BIGINT NOT NULL,           -- null or unreadable ids or values, mismatched lengths
    declared_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per (task, identifier): its latest prediction and its latest label. While both are
-- there, its contribution is counted in task_buckets at (bucket, bin); seq orders joined pairs
-- for a last-N window (given at the first join, kept when a label or prediction is replaced).
CREATE TABLE IF NOT EXISTS task_pairs (
    task           VARCHAR NOT NULL,
    id             VARCHAR NOT NULL,
    prediction     DOUBLE PRECISION,
    predicted_at   BIGINT,                   -- epoch micros: the end of the predicting run
    prediction_run VARCHAR,
    label          DOUBLE PRECISION,
    labelled_at    BIGINT,                   -- epoch micros
    label_source   VARCHAR,                  -- a run id, or file:line
    seq            BIGINT,
    bucket         BIGINT,
    bin            INTEGER,
    PRIMARY KEY (task, id)
);
CREATE INDEX IF NOT EXISTS task_pairs_by_bucket ON task_pairs (task, bucket);

-- The incremental state: sums of joined pairs' contributions per bucket (of prediction time or
-- of seq) and score bin (0 to 99 for score tasks' AUC histogram, else 0).
CREATE TABLE IF NOT EXISTS task_buckets (
    task      VARCHAR NOT NULL,
    bucket    BIGINT NOT NULL,
    bin       INTEGER NOT NULL,
    n         BIGINT NOT NULL,
    tp        BIGINT NOT NULL,
    fp        BIGINT NOT NULL,
    tn        BIGINT NOT NULL,
    fn        BIGINT NOT NULL,
    abs_error DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (task, bucket, bin)
);

-- The time series: one evaluation per task per stored batch that changed it.
CREATE TABLE IF NOT EXISTS task_evaluations (
    task         VARCHAR NOT NULL,
    seq          BIGINT NOT NULL,
    evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    labelled     BIGINT NOT NULL,            -- joined pairs in the window
    PRIMARY KEY (task, seq)
);
CREATE TABLE IF NOT EXISTS task_metrics (
    task         VARCHAR NOT NULL,
    seq          BIGINT NOT NULL,
    metric       VARCHAR NOT NULL,
    metric_value DOUBLE PRECISION,           -- null when undefined (no positive predicted, say)
    PRIMARY KEY (task, seq, metric)
);
