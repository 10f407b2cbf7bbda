-- mltrace collector schema, version 23: the readers of a pointer from one index alone. trace of a
-- pointer counts its distinct readers, impact starts from them; through run_inputs_by_pointer each
-- reader cost a row read, because that index does not hold run_id (a reference file read by 1.1
-- million runs took 30 s on H2 and 4 s on PostgreSQL to count). Runs on H2 2.x and PostgreSQL 15;
-- the statement can run again after an interruption. Shipped migrations are never edited.

-- run_inputs_by_pointer stays: H2 holds the foreign key to io_pointers on it and refuses to drop it.
CREATE INDEX IF NOT EXISTS run_inputs_by_pointer_run ON run_inputs (pointer_id, run_id);
