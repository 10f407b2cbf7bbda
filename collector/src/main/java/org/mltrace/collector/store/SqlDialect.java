package org.mltrace.collector.store;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The few statements that differ between H2 and PostgreSQL: inserting a row unless its key exists,
 * atomically, so that two collectors writing into one database never fail on a row both create (a
 * component, a pointer, an agent's stats), and the lock that serializes their ingest transactions
 * on PostgreSQL.
 */
enum SqlDialect {
  H2,
  POSTGRES;

  /** The PostgreSQL advisory lock key taken by every ingest transaction ("mltrace" in ASCII). */
  static final long INGEST_LOCK_KEY = 0x6d6c7472616365L;

  static SqlDialect of(boolean postgres) {
    return postgres ? POSTGRES : H2;
  }

  /**
   * {@code table} in a FROM clause, read through {@code index}. H2 plans by the first index whose
   * leading column matches and sorts afterwards; told the index, it reads an {@code ORDER BY ...
   * LIMIT} straight from it. PostgreSQL finds that index itself.
   */
  String readThrough(String table, String index) {
    return this == H2 ? table + " USE INDEX (" + index + ")" : table;
  }

  /** {@link #readThrough(String, String)} with an alias, which H2 wants before the hint. */
  String readThrough(String table, String alias, String index) {
    return readThrough(table + " " + alias, index);
  }

  /**
   * {@code INSERT INTO table (columns) VALUES (?, ...)} that inserts nothing, without error, when a
   * row with the same {@code key} exists or is being inserted concurrently; its update count says
   * which. Each column is given as {@code "name TYPE"}; parameters are bound in that order.
   */
  String insertIfAbsent(String table, String key, String... columns) {
    String names =
        Arrays.stream(columns)
            .map(c -> c.substring(0, c.indexOf(' ')))
            .collect(Collectors.joining(", "));
    if (this == POSTGRES) {
      String params = Arrays.stream(columns).map(c -> "?").collect(Collectors.joining(", "));
      return "INSERT INTO "
          + table
          + " ("
          + names
          + ") VALUES ("
          + params
          + ")"
          + " ON CONFLICT ("
          + key
          + ") DO NOTHING";
    }
    String casts =
        Arrays.stream(columns)
            .map(c -> "CAST(? AS " + c.substring(c.indexOf(' ') + 1) + ")")
            .collect(Collectors.joining(", "));
    String sourceNames =
        Arrays.stream(columns)
            .map(c -> "s." + c.substring(0, c.indexOf(' ')))
            .collect(Collectors.joining(", "));
    return "MERGE INTO "
        + table
        + " t USING (VALUES ("
        + casts
        + ")) s ("
        + names
        + ")"
        + " ON t."
        + key
        + " = s."
        + key
        + " WHEN NOT MATCHED THEN INSERT ("
        + names
        + ") VALUES ("
        + sourceNames
        + ")";
  }
}
