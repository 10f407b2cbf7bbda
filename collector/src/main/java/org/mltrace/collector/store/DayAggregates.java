package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Folds the runs listed in {@code compaction_batch} into {@code component_days} and {@code
 * component_day_values}, adding to the rows an earlier compaction wrote for the same day (so
 * compacting twice, or a day in two steps, counts each run once). Days are UTC days of the run's
 * start.
 */
final class DayAggregates {
  private static final String DAY = "CAST(r.start_time AT TIME ZONE 'UTC' AS DATE)";
  private static final String BATCH_RUNS =
      " FROM component_runs r JOIN compaction_batch b ON b.run_id = r.id";
  private static final String NUMBER = "CAST(v.value_text AS DOUBLE PRECISION)";

  private DayAggregates() {}

  /** Adds the batch's run counts; returns the number of (component, day) rows written. */
  static long foldRuns(Connection c) throws SQLException {
    long rows = 0;
    try (PreparedStatement select =
            c.prepareStatement(
                "SELECT r.component, "
                    + DAY
                    + ", SUM(CASE WHEN r.status = 'failed' THEN 0 ELSE 1 END),"
                    + " SUM(CASE WHEN r.status = 'failed' THEN 1 ELSE 0 END),"
                    + " SUM(COALESCE(r.duration_nanos, 0)), MIN(r.start_time), MAX(r.end_time)"
                    + BATCH_RUNS
                    + " GROUP BY r.component, "
                    + DAY);
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE component_days SET ok_runs = ok_runs + ?, failed_runs = failed_runs + ?,"
                    + " duration_nanos = duration_nanos + ?,"
                    + " first_start = CASE WHEN first_start < ? THEN first_start ELSE ? END,"
                    + " last_end = CASE WHEN last_end > ? THEN last_end ELSE ? END"
                    + " WHERE component = ? AND run_day = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO component_days (ok_runs, failed_runs, duration_nanos, first_start,"
                    + " last_end, component, run_day) VALUES (?, ?, ?, ?, ?, ?, ?)");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String component = rs.getString(1);
        LocalDate day = rs.getObject(2, LocalDate.class);
        OffsetDateTime first = rs.getObject(6, OffsetDateTime.class);
        OffsetDateTime last = rs.getObject(7, OffsetDateTime.class);
        Object[] updateArgs = {
          rs.getLong(3), rs.getLong(4), rs.getLong(5), first, first, last, last, component, day
        };
        if (bind(update, updateArgs).executeUpdate() == 0) {
          bind(insert, rs.getLong(3), rs.getLong(4), rs.getLong(5), first, last, component, day)
              .executeUpdate();
        }
        rows++;
      }
    }
    return rows;
  }

  /** Adds the batch's numeric values and summaries; returns the number of rows written. */
  static long foldValues(Connection c) throws SQLException {
    long rows = 0;
    for (String direction : new String[] {"input", "output"}) {
      String table = direction.equals("input") ? "run_inputs" : "run_outputs";
      rows +=
          fold(
              c,
              "SELECT r.component, "
                  + DAY
                  + ", COALESCE(v.name, '?'), COUNT(*), COUNT(*), MIN("
                  + NUMBER
                  + "), MAX("
                  + NUMBER
                  + "), SUM("
                  + NUMBER
                  + "), 0"
                  + BATCH_RUNS
                  + " JOIN "
                  + table
                  + " v ON v.run_id = r.id WHERE v.value_kind IN ('LONG', 'DOUBLE')"
                  + " AND v.value_text NOT IN ('NaN', 'Infinity', '-Infinity')"
                  + " GROUP BY r.component, "
                  + DAY
                  + ", COALESCE(v.name, '?')",
              direction,
              "value");
      rows +=
          fold(
              c,
              "SELECT r.component, "
                  + DAY
                  + ", COALESCE(v.name, '?'), COUNT(*), COUNT(s.mean_value), MIN(s.min_value),"
                  + " MAX(s.max_value), SUM(s.mean_value), SUM(s.element_count)"
                  + BATCH_RUNS
                  + " JOIN run_value_summaries s ON s.run_id = r.id AND s.direction = '"
                  + direction
                  + "' JOIN "
                  + table
                  + " v ON v.run_id = s.run_id AND v.position = s.position"
                  + " GROUP BY r.component, "
                  + DAY
                  + ", COALESCE(v.name, '?')",
              direction,
              "summary");
    }
    return rows;
  }

  private static long fold(Connection c, String selectSql, String direction, String source)
      throws SQLException {
    long rows = 0;
    try (PreparedStatement select = c.prepareStatement(selectSql);
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE component_day_values SET value_count = value_count + ?,"
                    + " numeric_count = numeric_count + ?,"
                    + " min_value = CASE WHEN min_value IS NULL OR min_value > ? THEN ?"
                    + " ELSE min_value END,"
                    + " max_value = CASE WHEN max_value IS NULL OR max_value < ? THEN ?"
                    + " ELSE max_value END,"
                    + " sum_value = COALESCE(sum_value, 0) + COALESCE(?, 0),"
                    + " element_count = element_count + ?"
                    + " WHERE component = ? AND run_day = ? AND direction = ? AND name = ?"
                    + " AND source = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO component_day_values (value_count, numeric_count, min_value,"
                    + " max_value, sum_value, element_count, component, run_day, direction, name,"
                    + " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String component = rs.getString(1);
        LocalDate day = rs.getObject(2, LocalDate.class);
        String name = rs.getString(3);
        long count = rs.getLong(4);
        long numeric = rs.getLong(5);
        Double min = doubleOrNull(rs, 6);
        Double max = doubleOrNull(rs, 7);
        Double sum = doubleOrNull(rs, 8);
        long elements = rs.getLong(9);
        Object[] key = {component, day, direction, name, source};
        int updated =
            bind(
                    update, count, numeric, min, min, max, max, sum, elements, key[0], key[1],
                    key[2], key[3], key[4])
                .executeUpdate();
        if (updated == 0) {
          bind(
                  insert, count, numeric, min, max, sum, elements, key[0], key[1], key[2], key[3],
                  key[4])
              .executeUpdate();
        }
        rows++;
      }
    }
    return rows;
  }

  private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.DOUBLE); // only the aggregates can be null
      } else if (a instanceof Double d) {
        ps.setDouble(i + 1, d);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof String s) {
        ps.setString(i + 1, s);
      } else {
        ps.setObject(i + 1, a); // LocalDate, OffsetDateTime: JDBC 4.2 on both drivers
      }
    }
    return ps;
  }
}
