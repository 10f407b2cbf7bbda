package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The integer keys of the rows of a small table that many runs share on PostgreSQL, each row stored
 * the first time a run needs it: value templates (V052) and origins (V053). The keys of rows
 * committed before are kept in memory, so a batch whose runs are all of known shapes asks the
 * database nothing; a row found or inserted in a transaction is kept only once that transaction has
 * committed ({@link InTransaction#committed}), since a key inserted by a transaction that rolls
 * back would name no row. The rows are never deleted, and the ingest transactions of all collectors
 * are serialized ({@link JdbcIngestTransaction#lockForIngest}), so a row is stored once; a
 * compaction racing with an ingest could store one twice, which only costs a row.
 *
 * <p>A row is looked up by its signature, its columns as text joined by U+001E (a column's own
 * U+001E written U+0002 U+0006, NULL as U+0001), which the table's SQL function of the same name
 * computes for its hash index, and then compared exactly.
 *
 * @param <T> a row, with the equality of its columns' values
 */
final class SharedRowKeys<T> {
  /** Beyond this many known rows the memory starts again empty (a workload of odd shapes). */
  private static final int MAX_KNOWN = 20_000;

  /** How one table's rows are read and written. */
  interface Table<T> {
    /** The table, its key column, then its other columns with their SQL types. */
    String name();

    String key();

    List<String> columns();

    List<String> types();

    /** The SQL function over {@link #columns} that the table's hash index is on. */
    String signatureFunction();

    /** The row's values, in the order of {@link #columns}. */
    List<Object> values(T row);

    /** The row whose columns are {@code rs}'s from {@code first} on. */
    T read(ResultSet rs, int first) throws SQLException;
  }

  private final Table<T> table;
  private final Map<T, Integer> known = new ConcurrentHashMap<>();

  SharedRowKeys(Table<T> table) {
    this.table = table;
  }

  /** The signature of a row whose column values are {@code values}, as the SQL function has it. */
  static String signature(List<?> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append('\u001e');
      }
      Object v = values.get(i);
      b.append(v == null ? "\u0001" : v.toString().replace("\u001e", "\u0002\u0006"));
    }
    return b.toString();
  }

  /** The keys one transaction uses. */
  InTransaction inTransaction(Connection connection) {
    return new InTransaction(connection);
  }

  final class InTransaction {
    private final Connection connection;
    private final Map<T, Integer> seen = new HashMap<>();

    private InTransaction(Connection connection) {
      this.connection = connection;
    }

    /** The key of each of {@code rows}, storing those the database does not have yet. */
    Map<T, Integer> keysOf(Collection<T> rows) throws SQLException {
      Map<T, Integer> keys = new HashMap<>();
      Set<T> missing = new LinkedHashSet<>();
      for (T row : rows) {
        Integer key = seen.containsKey(row) ? seen.get(row) : known.get(row);
        if (key == null) {
          missing.add(row);
        } else {
          keys.put(row, key);
        }
      }
      if (!missing.isEmpty()) {
        Map<T, Integer> found = stored(missing);
        missing.removeAll(found.keySet());
        found.putAll(insert(missing));
        seen.putAll(found);
        keys.putAll(found);
      }
      return keys;
    }

    /** After the transaction committed: its rows' keys are safe to reuse. */
    void committed() {
      if (known.size() + seen.size() > MAX_KNOWN) {
        known.clear();
      }
      known.putAll(seen);
    }

    private Map<T, Integer> stored(Collection<T> rows) throws SQLException {
      List<String> signatures = new ArrayList<>();
      for (T row : rows) {
        signatures.add(signature(table.values(row)));
      }
      String columns = String.join(", ", table.columns());
      Map<T, Integer> found = new HashMap<>();
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT "
                  + table.key()
                  + ", "
                  + columns
                  + " FROM "
                  + table.name()
                  + " WHERE "
                  + table.signatureFunction()
                  + "("
                  + columns
                  + ") = ANY(?) ORDER BY "
                  + table.key())) {
        ps.setArray(1, connection.createArrayOf("text", signatures.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            T row = table.read(rs, 2);
            if (rows.contains(row)) {
              found.putIfAbsent(row, rs.getInt(1));
            }
          }
        }
      }
      return found;
    }

    private Map<T, Integer> insert(Collection<T> rows) throws SQLException {
      Map<T, Integer> inserted = new HashMap<>();
      if (rows.isEmpty()) {
        return inserted;
      }
      List<String> columns = table.columns();
      List<String> unnest = new ArrayList<>();
      for (String type : table.types()) {
        unnest.add("CAST(? AS " + type + "[])");
      }
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO "
                  + table.name()
                  + " ("
                  + String.join(", ", columns)
                  + ") SELECT * FROM unnest("
                  + String.join(", ", unnest)
                  + ") RETURNING "
                  + table.key()
                  + ", "
                  + String.join(", ", columns))) {
        for (int c = 0; c < columns.size(); c++) {
          Object[] values = new Object[rows.size()];
          int i = 0;
          for (T row : rows) {
            values[i++] = table.values(row).get(c);
          }
          ps.setArray(c + 1, connection.createArrayOf(table.types().get(c), values));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.put(table.read(rs, 2), rs.getInt(1));
          }
        }
      }
      return inserted;
    }
  }
}
