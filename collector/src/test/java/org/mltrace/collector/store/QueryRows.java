package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a query answers, as text to compare with {@code assertEquals}: the same on H2 and
 * PostgreSQL, so a migration test can capture rows before an upgrade and compare them after.
 */
final class QueryRows {
  private QueryRows() {}

  /** Each row as its columns joined by |; times as ISO instants, arrays as [a, b]. */
  static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object o = rs.getObject(i);
          if (o instanceof OffsetDateTime t) {
            o = t.toInstant();
          } else if (o instanceof Timestamp t) {
            o = t.toInstant();
          } else if (o instanceof Array a) {
            o = Arrays.toString((Object[]) a.getArray());
          }
          cols.add(String.valueOf(o));
        }
        out.add(String.join("|", cols));
      }
    }
    return out;
  }

  /**
   * Each table or view of {@code orderBy} (name to ORDER BY clause), in its order: a first line of
   * its columns (label, type name, JDBC type, precision, scale), then its rows as {@link #rows}.
   */
  static Map<String, List<String>> snapshot(Statement st, Map<String, String> orderBy)
      throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> view : orderBy.entrySet()) {
      String sql = "SELECT * FROM " + view.getKey() + " ORDER BY " + view.getValue();
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(
              md.getColumnLabel(i)
                  + " "
                  + md.getColumnTypeName(i)
                  + " "
                  + md.getColumnType(i)
                  + " "
                  + md.getPrecision(i)
                  + " "
                  + md.getScale(i));
        }
        rows.add(String.join("|", columns));
      }
      rows.addAll(rows(st, sql));
      out.put(view.getKey(), rows);
    }
    return out;
  }

  /** The value views of V026, each in a fixed order, for {@link #snapshot}. */
  static Map<String, String> valueViews() {
    Map<String, String> order = new LinkedHashMap<>();
    order.put("run_inputs", "run_id, position");
    order.put("run_outputs", "run_id, position");
    order.put("run_value_summaries", "run_id, direction, position");
    return order;
  }

  /** Each row's first column (an id) to its second (an integer key, null for NULL). */
  static Map<String, Integer> keysById(Statement st, String sql) throws SQLException {
    Map<String, Integer> out = new TreeMap<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String id = rs.getString(1);
        int key = rs.getInt(2);
        out.put(id, rs.wasNull() ? null : key);
      }
    }
    return out;
  }

  /**
   * Runs {@code sql}, an update of the one row whose id is {@code id}, and asserts that it changed
   * and nothing else did: no other row of {@code all} (an ordered query whose rows start with their
   * id) and no other row's key in {@code keys} (an id and its key, as {@link #keysById} reads
   * them).
   */
  static void updateOnly(Statement st, String sql, String id, String all, String keys)
      throws SQLException {
    List<String> before = rows(st, all);
    Map<String, Integer> keysBefore = keysById(st, keys);
    assertEquals(1, st.executeUpdate(sql), sql);
    List<String> after = rows(st, all);
    Map<String, Integer> keysAfter = keysById(st, keys);
    assertEquals(before.size(), after.size(), sql);
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).startsWith(id + "|")) {
        assertNotEquals(before.get(i), after.get(i), sql);
      } else {
        assertEquals(before.get(i), after.get(i), sql + ": another row");
      }
    }
    keysAfter.put(id, keysBefore.get(id));
    assertEquals(keysBefore, keysAfter, sql + ": no other row's key changed");
  }

  /** The single number a query such as {@code SELECT COUNT(*) ...} answers. */
  static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
