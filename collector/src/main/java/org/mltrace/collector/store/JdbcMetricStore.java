package org.mltrace.collector.store;

import java.time.Instant;
import java.util.List;

/**
 * A component's numbers over time, for {@code history COMPONENT --metric NAME}: a captured numeric
 * input or output, or a trigger's value ({@code trigger_results}). Throws {@link StoreException}
 * when the database fails.
 */
public final class JdbcMetricStore {
  /**
   * One value of one run. {@code source} is {@code input} or {@code output} for a variable, the
   * trigger's {@code phase:position} for a trigger; {@code status} is the trigger's {@code
   * pass|fail|error}, null for a variable. {@code text} is the value as recorded (null for a
   * trigger result without a value).
   */
  public record Point(String runId, Instant start, String source, String text, String status) {}

  private final Database database;

  public JdbcMetricStore(Database database) {
    this.database = database;
  }

  /** The latest {@code limit} values of the variable, newest run first. */
  public List<Point> variable(String component, String name, int limit) {
    String select =
        "SELECT r.id, r.start_time, '%s' AS source, v.value_text FROM component_runs r"
            + " JOIN %s v ON v.run_id = r.id WHERE r.component = ? AND v.name = ?"
            + " AND v.value_kind IN ('LONG', 'DOUBLE')";
    return SqlRows.query(
        database,
        "reading " + name + " of " + component,
        "SELECT * FROM ("
            + select.formatted("input", "run_inputs")
            + " UNION ALL "
            + select.formatted("output", "run_outputs")
            + ") m ORDER BY start_time DESC, id DESC, source LIMIT "
            + Math.max(0, limit),
        rs ->
            new Point(
                rs.getString(1),
                Jdbc.time(rs, "start_time"),
                rs.getString(3),
                rs.getString(4),
                null),
        component,
        name,
        component,
        name);
  }

  /**
   * The latest {@code limit} results of the component's triggers of that name, newest run first.
   */
  public List<Point> trigger(String component, String triggerName, int limit) {
    return SqlRows.query(
        database,
        "reading trigger " + triggerName + " of " + component,
        "SELECT r.id, r.start_time, t.phase, t.position, t.value, t.status FROM trigger_results t"
            + " JOIN component_runs r ON r.id = t.run_id WHERE t.component = ? AND t.trigger_name = ?"
            + " ORDER BY r.start_time DESC, r.id DESC, t.phase, t.position LIMIT "
            + Math.max(0, limit),
        rs -> {
          double v = rs.getDouble("value");
          String text = rs.wasNull() ? null : Double.toString(v);
          return new Point(
              rs.getString("id"),
              Jdbc.time(rs, "start_time"),
              rs.getString("phase") + ":" + rs.getInt("position"),
              text,
              rs.getString("status"));
        },
        component,
        triggerName);
  }

  /** The names of the numeric variables and triggers the component recorded, sorted. */
  public List<String> names(String component) {
    return SqlRows.query(
        database,
        "listing the metrics of " + component,
        "SELECT DISTINCT n FROM ("
            + " SELECT v.name AS n FROM run_outputs v JOIN component_runs r ON r.id = v.run_id"
            + "  WHERE r.component = ? AND v.value_kind IN ('LONG', 'DOUBLE')"
            + " UNION SELECT v.name FROM run_inputs v JOIN component_runs r ON r.id = v.run_id"
            + "  WHERE r.component = ? AND v.value_kind IN ('LONG', 'DOUBLE')"
            + " UNION SELECT 'trigger:' || trigger_name FROM trigger_results WHERE component = ?"
            + ") m ORDER BY n",
        rs -> rs.getString(1),
        component,
        component,
        component);
  }
}
