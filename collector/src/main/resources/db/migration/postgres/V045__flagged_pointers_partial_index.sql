-- mltrace collector schema, version 45 (PostgreSQL): the index of flagged pointers holds only the
-- flagged ones (issue 15). As a plain index on the flag it took an entry for every pointer ever
-- seen, two per run of `mltrace bench`, almost all of them "false", which only the look-up of the
-- few flagged pointers reads (`WHERE flag` / `flag = TRUE`, which the partial index serves). H2
-- has no partial indexes and keeps the plain one.
DROP INDEX IF EXISTS io_pointers_flagged;
CREATE INDEX IF NOT EXISTS io_pointers_flagged ON io_pointers (identifier) WHERE flag;
