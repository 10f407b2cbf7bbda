package org.mltrace.collector.store;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL expressions that read one number per run straight from the arrays of {@code component_runs}
 * (V025), on H2 and PostgreSQL alike, so that a series is aggregated by the database without the
 * views (which H2 cannot filter cheaply) and without loading runs into the collector.
 *
 * <p>A value's position is found by name with a {@code CASE} over the first {@value #MAX_POSITIONS}
 * positions; each position is guarded by the array's length first (H2 fails on an index past the
 * end, PostgreSQL gives NULL), which also ends the search at the run's last value. A summary is
 * found the same way among the first {@value #MAX_POSITIONS} summaries.
 *
 * <p>On PostgreSQL the columns are text since V050: the queries name the arrays that {@link
 * SqlDialect#withEntries} decodes once per run, under the columns' names.
 */
final class MetricSql {
  /** Values per run and direction, and summaries per run, searched for a name. */
  static final int MAX_POSITIONS = 64;

  private static final int V = RunValueArrays.VALUE_FIELDS;
  private static final int S = RunValueArrays.SUMMARY_FIELDS;

  private MetricSql() {}

  /**
   * The 0-based position of the value named by the next parameter in {@code column}, or NULL. The
   * name is bound {@link #MAX_POSITIONS} times: see {@link #repeat}.
   */
  static String positionOf(String column) {
    StringBuilder b = new StringBuilder("CASE");
    for (int p = 0; p < MAX_POSITIONS; p++) {
      b.append(" WHEN COALESCE(CARDINALITY(")
          .append(column)
          .append("), 0) < ")
          .append(V * p + V)
          .append(" THEN NULL WHEN ")
          .append(column)
          .append('[')
          .append(V * p + 1)
          .append("] = ? THEN ")
          .append(p);
    }
    return b.append(" END").toString();
  }

  /**
   * PostgreSQL only: the number named by the parameters in {@code column}, found with {@code
   * array_position} (a scan in C, several times faster than {@link #positionOf} on a million runs,
   * and cheap enough to repeat, so the expression needs no subquery around it and PostgreSQL's
   * parallel workers compute it). When the first entry equal to the name is not a name entry (a
   * value's text that equals the name, earlier in the array), it falls back to {@link #positionOf}.
   * Binds the name 4 + {@link #MAX_POSITIONS} times.
   */
  static String numberByArrayPosition(String column) {
    String at = "array_position(" + column + ", ?)";
    return "CASE WHEN ("
        + at
        + " - 1) % "
        + V
        + " = 0 THEN "
        + numberAtIndex(column, at)
        + " WHEN "
        + at
        + " IS NOT NULL THEN "
        + numberAt(column, "(" + positionOf(column) + ")")
        + " END";
  }

  /** The number whose name entry is at 1-based {@code index} of {@code column}, or NULL. */
  private static String numberAtIndex(String column, String index) {
    String kind = column + "[" + index + " + 1]";
    String text = column + "[" + index + " + 2]";
    return "CASE WHEN "
        + kind
        + " IN ('LONG', 'DOUBLE') AND "
        + text
        + " NOT IN ('NaN', 'Infinity', '-Infinity') THEN CAST("
        + text
        + " AS DOUBLE PRECISION) END";
  }

  /** The number at {@code position} of {@code column}: LONG or DOUBLE and finite, else NULL. */
  static String numberAt(String column, String position) {
    String kind = column + "[" + V + " * " + position + " + 2]";
    String text = column + "[" + V + " * " + position + " + 3]";
    return "CASE WHEN "
        + position
        + " IS NOT NULL AND "
        + kind
        + " IN ('LONG', 'DOUBLE') AND "
        + text
        + " NOT IN ('NaN', 'Infinity', '-Infinity') THEN CAST("
        + text
        + " AS DOUBLE PRECISION) END";
  }

  /**
   * The 0-based slot in {@code summaries} of the summary of the value at {@code position} of {@code
   * direction} ({@code input} or {@code output}), or NULL.
   */
  static String summarySlot(String summaries, String direction, String position) {
    StringBuilder b = new StringBuilder("CASE WHEN ").append(position).append(" IS NULL THEN NULL");
    for (int j = 0; j < MAX_POSITIONS; j++) {
      b.append(" WHEN COALESCE(CARDINALITY(")
          .append(summaries)
          .append("), 0) < ")
          .append(S * j + S)
          .append(" THEN NULL WHEN ")
          .append(summaries)
          .append('[')
          .append(S * j + 1)
          .append("] = '")
          .append(direction)
          .append("' AND ")
          .append(summaries)
          .append('[')
          .append(S * j + 2)
          .append("] = CAST(")
          .append(position)
          .append(" AS VARCHAR) THEN ")
          .append(j);
    }
    return b.append(" END").toString();
  }

  /** The statistic of the summary in {@code slot} of {@code summaries}, or NULL. */
  static String statisticAt(String summaries, String slot, SummaryStatistic statistic) {
    String at = summaries + "[" + S + " * " + slot + " + ";
    String value =
        switch (statistic) {
          case MEAN -> number(at + "11]");
          case MIN -> number(at + "9]");
          case MAX -> number(at + "10]");
          case STDDEV -> number(at + "12]");
          case COUNT -> number(at + "5]");
          case DISTINCT -> number(at + "13]");
          case NULL_FRACTION ->
              "("
                  + number(at + "7]")
                  + " + "
                  + number(at + "8]")
                  + ") / NULLIF("
                  + number(at + "6]")
                  + ", 0)";
        };
    return "CASE WHEN " + slot + " IS NOT NULL THEN " + value + " END";
  }

  /**
   * The bucket of {@code time}: floor((epoch micros - first bound) / second bound), both bound as
   * BIGINT. The casts matter: H2 otherwise types the parameters after the other operand (a NUMERIC
   * of the timestamp's scale) and puts runs in the wrong buckets.
   */
  static String bucketOf(String time) {
    return "FLOOR((EXTRACT(EPOCH FROM "
        + time
        + ") * 1000000 - CAST(? AS BIGINT)) / CAST(? AS BIGINT))";
  }

  /** {@code value} once for each parameter of {@code fragment}, whose parameters all bind it. */
  static List<Object> each(String fragment, Object value) {
    return repeat(value, (int) fragment.chars().filter(c -> c == '?').count());
  }

  /** {@code value} repeated {@code times} times, to bind a parameter the SQL names that often. */
  static List<Object> repeat(Object value, int times) {
    List<Object> out = new ArrayList<>(times);
    for (int i = 0; i < times; i++) {
      out.add(value);
    }
    return out;
  }

  private static String number(String text) {
    return "CAST(" + text + " AS DOUBLE PRECISION)";
  }
}
