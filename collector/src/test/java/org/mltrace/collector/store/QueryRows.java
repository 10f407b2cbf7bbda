package org.mltrace.collector.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

  /** The single number a query such as {@code SELECT COUNT(*) ...} answers. */
  static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
