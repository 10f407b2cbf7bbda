package org.mltrace.collector.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one read of {@code /metrics}: every column but the last is a label value (null becomes
 * {@code ""}), the last is the value (rows with a null value are left out). Rows beyond {@code
 * maxRows} are not read, so one metric never has more series than that.
 */
final class MetricRows {
  private MetricRows() {}

  static List<Sample> read(Connection c, int maxRows, String sql, Object... params)
      throws SQLException {
    List<Sample> samples = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof Instant t) {
          st.setTimestamp(i + 1, Timestamp.from(t));
        } else {
          st.setObject(i + 1, params[i]);
        }
      }
      st.setMaxRows(maxRows);
      try (ResultSet rs = st.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          double value = rs.getDouble(columns);
          if (rs.wasNull()) {
            continue;
          }
          List<String> labels = new ArrayList<>(columns - 1);
          for (int i = 1; i < columns; i++) {
            String v = rs.getString(i);
            labels.add(v == null ? "" : v);
          }
          samples.add(new Sample(labels, value));
        }
      }
    }
    return samples;
  }
}
