-- mltrace collector schema, version 51 (PostgreSQL only): io_pointers keeps its identifiers
-- unique through a hash index instead of the primary key's B-tree (issue 15: bytes per run). H2
-- keeps its primary key (its data is already under the target). Each statement can run again
-- after an interruption. Shipped migrations are never edited.
--
-- The B-tree held every identifier in full, in pages split in half (identifiers do not arrive in
-- text order): 191 bytes per run in `mltrace bench`, where the run itself writes two new pointers.
-- A hash index holds a 4-byte hash and the row's address: 74. PostgreSQL has no unique hash index,
-- but an exclusion constraint with `=` over a hash index is one: an insert of an identifier that
-- is already there fails as it did with the primary key.
--
-- A hash index cannot answer `identifier = ANY(array)` by itself: PostgreSQL probed it once per
-- element into a bitmap and read the rows in page order, several times slower on a 10M history
-- for a thousand identifiers than the B-tree. The collector's look-ups of many identifiers ask for
-- `identifier IN (SELECT unnest(array))` instead, one probe per identifier (SqlDialect.identifierIn).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint
                 WHERE conname = 'io_pointers_identifier_unique'
                   AND conrelid = 'io_pointers'::regclass) THEN
    ALTER TABLE io_pointers ADD CONSTRAINT io_pointers_identifier_unique
      EXCLUDE USING hash (identifier WITH =);
  END IF;
END
$$;

-- A foreign key needs a unique B-tree or primary key to point at. `mltrace label add` looks the
-- pointer up before it labels it (LabelQuery#add) and pointers are never deleted, so
-- pointer_labels keeps pointing at existing rows without it.
ALTER TABLE pointer_labels DROP CONSTRAINT IF EXISTS pointer_labels_pointer_id_fkey;
ALTER TABLE io_pointers DROP CONSTRAINT IF EXISTS io_pointers_pkey;
