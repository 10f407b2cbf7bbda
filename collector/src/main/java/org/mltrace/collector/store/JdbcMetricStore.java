package org.mltrace.collector.store;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A component's numbers over time, for {@code history COMPONENT --metric NAME} and the web UI's
 * Monitor page: a captured numeric input or output, a statistic of a value's summary, or a
 * trigger's value ({@code trigger_results}); the latest values one per run, or aggregated by the
 * database into time buckets (count, min, mean, max per bucket) so that a series over millions of
 * runs costs one grouped query and a few hundred rows. Values are read from the run's arrays (V025)
 * by {@link MetricSql}, never through the views. Throws {@link StoreException} when the database
 * fails.
 */
public final class JdbcMetricStore {
  /**
   * One value of one run. {@code source} is {@code input} or {@code output} for a variable, the
   * trigger's {@code phase:position} for a trigger; {@code status} is the trigger's {@code
   * pass|fail|error}, null for a variable. {@code text} is the value as recorded (null for a
   * trigger result without a value).
   */
  public record Point(String runId, Instant start, String source, String text, String status) {}

  /** What a series is made of. */
  public enum Kind {
    /** a LONG or DOUBLE value named so, the output's when the run has both */
    VALUE,
    /** a statistic of the summary of the value named so */
    SUMMARY,
    /** the value of the component's triggers named so */
    TRIGGER
  }

  /** A series: {@code statistic} only for {@link Kind#SUMMARY}. */
  public record Metric(Kind kind, String name, SummaryStatistic statistic) {}

  /**
   * One time bucket: the runs that started in {@code [since + index * width, ... + width)}.
   *
   * @param values the finite values aggregated into min, mean and max (NaN when none)
   * @param runs the runs with a value in the bucket; for a trigger, its results with or without a
   *     value
   * @param failed trigger results {@code fail} among them (0 for variables)
   * @param firstRun the smallest run id in the bucket: the run itself when {@code runs} is 1
   */
  public record Bucket(
      long index,
      long values,
      double min,
      double mean,
      double max,
      long runs,
      long failed,
      String firstRun) {}

  /** The numbers a component's recent runs recorded. */
  public record Recorded(
      Set<String> metrics, Set<String> numbers, Set<String> summarized, Set<String> triggers) {}

  private final Database database;
  private final Clock clock;

  public JdbcMetricStore(Database database) {
    this(database, Clock.systemUTC());
  }

  /** With {@code clock} deciding which hours are settled enough to roll up. */
  JdbcMetricStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * The latest {@code limit} values of the variable, newest run first (a run that recorded it as an
   * input and as an output gives two, its output first).
   */
  public List<Point> variable(String component, String name, int limit) {
    List<Object> params = new ArrayList<>(MetricSql.repeat(name, 2 * MetricSql.MAX_POSITIONS));
    params.add(component);
    String runs =
        "SELECT id, start_time, input_values AS i, output_values AS o, "
            + MetricSql.positionOf("output_values")
            + " AS op, "
            + MetricSql.positionOf("input_values")
            + " AS ip"
            + dialect()
                .withEntries(
                    " FROM component_runs WHERE component = ?", "input_values", "output_values");
    List<Point> points = new ArrayList<>();
    for (Point[] pair :
        SqlRows.query(
            database,
            "reading " + name + " of " + component,
            "SELECT id, start_time, i, o, op, ip FROM ("
                + runs
                + ") x WHERE "
                + MetricSql.numberAt("o", "op")
                + " IS NOT NULL OR "
                + MetricSql.numberAt("i", "ip")
                + " IS NOT NULL ORDER BY start_time DESC, id DESC LIMIT "
                + Math.max(0, limit),
            rs -> {
              Instant start = Jdbc.time(rs, "start_time");
              String id = rs.getString("id");
              return new Point[] {
                point(id, start, "output", entries(rs.getArray("o")), rs.getObject("op")),
                point(id, start, "input", entries(rs.getArray("i")), rs.getObject("ip"))
              };
            },
            params.toArray())) {
      for (Point p : pair) {
        if (p != null && points.size() < limit) {
          points.add(p);
        }
      }
    }
    return points;
  }

  /** The value at {@code position} of {@code values} when it is a number, else null. */
  private static Point point(
      String id, Instant start, String source, Object[] values, Object position) {
    if (values == null || position == null) {
      return null;
    }
    int at = ((Number) position).intValue() * RunValueArrays.VALUE_FIELDS;
    String kind = (String) values[at + 1];
    if (!"LONG".equals(kind) && !"DOUBLE".equals(kind)) {
      return null;
    }
    return new Point(id, start, source, (String) values[at + 2], null);
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

  /** The start of the component's first and latest run, empty when it has none. */
  public Optional<Instant[]> runSpan(String component) {
    String first =
        "SELECT start_time FROM "
            + newestFirst()
            + " WHERE component = ? ORDER BY component, start_time %s, id %s LIMIT 1";
    List<Instant> oldest =
        SqlRows.query(
            database,
            "finding the first run of " + component,
            // PostgreSQL reads the index backwards; H2 does not, and scans the component's entries
            database.isPostgres()
                ? first.formatted("ASC", "ASC")
                : "SELECT MIN(start_time) AS start_time FROM component_runs WHERE component = ?",
            rs -> Jdbc.time(rs, "start_time"),
            component);
    List<Instant> newest =
        SqlRows.query(
            database,
            "finding the latest run of " + component,
            first.formatted("DESC", "DESC"),
            rs -> Jdbc.time(rs, "start_time"),
            component);
    if (oldest.isEmpty() || oldest.get(0) == null || newest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Instant[] {oldest.get(0), newest.get(0)});
  }

  /**
   * The metric of the component's runs that started in {@code [since, until)}, in buckets of {@code
   * widthMicros} from {@code since}, oldest first; buckets without runs are left out. A long range
   * of a number or statistic is read from hourly rollups where it can ({@link MetricRollups}, which
   * writes the missing ones).
   */
  public List<Bucket> buckets(
      String component, Metric metric, Instant since, Instant until, long widthMicros) {
    List<Bucket> rolled =
        new MetricRollups(database, this)
            .buckets(component, metric, since, until, widthMicros, clock.instant());
    return rolled != null ? rolled : fromRuns(component, metric, since, until, widthMicros);
  }

  /** {@link #buckets}, aggregated from the runs alone. */
  List<Bucket> fromRuns(
      String component, Metric metric, Instant since, Instant until, long widthMicros) {
    List<Object> params = new ArrayList<>();
    params.add(micros(since));
    params.add(widthMicros);
    String sql;
    if (metric.kind() == Kind.TRIGGER) {
      sql =
          "SELECT "
              + MetricSql.bucketOf("r.start_time")
              + " AS b, r.id, CASE WHEN t.value > -1.7e308 AND t.value < 1.7e308 THEN t.value END"
              + " AS v, CASE WHEN t.status = 'fail' THEN 1 ELSE 0 END AS f FROM trigger_results t"
              + " JOIN component_runs r ON r.id = t.run_id WHERE t.component = ?"
              + " AND t.trigger_name = ? AND r.start_time >= ? AND r.start_time < ?";
      params.addAll(List.of(component, metric.name(), since, until));
    } else {
      sql =
          "SELECT "
              + MetricSql.bucketOf("start_time")
              + " AS b, id, v, 0 AS f FROM ("
              + perRun(metric, params, component, since, until)
              + ") y WHERE v IS NOT NULL";
    }
    return SqlRows.query(
        database,
        "aggregating " + describe(metric) + " of " + component,
        "SELECT b, COUNT(v), MIN(v), AVG(v), MAX(v), COUNT(*), SUM(f), MIN(id) FROM ("
            + sql
            + ") z GROUP BY b ORDER BY b",
        rs -> {
          long values = rs.getLong(2);
          return new Bucket(
              rs.getLong(1),
              values,
              values == 0 ? Double.NaN : rs.getDouble(3),
              values == 0 ? Double.NaN : rs.getDouble(4),
              values == 0 ? Double.NaN : rs.getDouble(5),
              rs.getLong(6),
              rs.getLong(7),
              rs.getString(8));
        },
        params.toArray());
  }

  /**
   * The run to open for the runs that started in {@code [from, until)}: the one with a failed
   * trigger result, else the largest value, then the smallest id; empty when none has a value.
   */
  public Optional<String> pick(String component, Metric metric, Instant from, Instant until) {
    List<Object> params = new ArrayList<>();
    String sql;
    if (metric.kind() == Kind.TRIGGER) {
      sql =
          "SELECT r.id FROM trigger_results t JOIN component_runs r ON r.id = t.run_id"
              + " WHERE t.component = ? AND t.trigger_name = ? AND r.start_time >= ?"
              + " AND r.start_time < ? ORDER BY CASE WHEN t.status = 'fail' THEN 0 ELSE 1 END,"
              + " CASE WHEN t.value IS NULL THEN 1 ELSE 0 END, t.value DESC, r.id LIMIT 1";
      params.addAll(List.of(component, metric.name(), from, until));
    } else {
      sql =
          "SELECT id FROM ("
              + perRun(metric, params, component, from, until)
              + ") y WHERE v IS NOT NULL ORDER BY v DESC, id LIMIT 1";
    }
    return SqlRows.query(
            database,
            "finding a run of " + describe(metric) + " of " + component,
            sql,
            rs -> rs.getString(1),
            params.toArray())
        .stream()
        .findFirst();
  }

  /**
   * The names of the numbers, summarized values and triggers of the component's newest {@code runs}
   * runs and its declared triggers; {@code metrics} are the numbers declared {@code type: metric}.
   */
  public Recorded recorded(String component, int runs) {
    Set<String> metrics = new LinkedHashSet<>();
    Set<String> numbers = new LinkedHashSet<>();
    Set<String> summarized = new LinkedHashSet<>();
    Set<String> triggers = new java.util.TreeSet<>();
    List<String> ids = new ArrayList<>();
    SqlRows.query(
        database,
        "listing the metrics of " + component,
        "SELECT id, "
            + dialect().allEntriesRead()
            + " FROM "
            + newestFirst()
            + dialect().valuesJoin("component_runs")
            + " WHERE component = ? ORDER BY component, start_time DESC, id DESC LIMIT "
            + Math.max(1, runs),
        rs -> {
          ids.add(rs.getString(1));
          Object[][] arrays = dialect().readAllEntries(rs, 2);
          Object[] summaries = arrays[2];
          for (int d = 0; d < 2; d++) {
            Object[] values = arrays[1 - d];
            String direction = d == 0 ? "output" : "input";
            int v = RunValueArrays.VALUE_FIELDS;
            for (int p = 0; values != null && p * v + v <= values.length; p++) {
              String name = (String) values[p * v];
              String kind = (String) values[p * v + 1];
              if ("LONG".equals(kind) || "DOUBLE".equals(kind)) {
                numbers.add(name);
                if ("metric".equals(values[p * v + 5])) {
                  metrics.add(name);
                }
              }
              if (hasSummary(summaries, direction, p)) {
                summarized.add(name);
              }
            }
          }
          return null;
        },
        component);
    triggers.addAll(
        SqlRows.query(
            database,
            "listing the triggers of " + component,
            "SELECT trigger_name FROM component_triggers WHERE component = ?",
            rs -> rs.getString(1),
            component));
    for (List<String> chunk : AnyOf.chunks(database, ids)) {
      triggers.addAll(
          SqlRows.query(
              database,
              "listing the trigger results of " + component,
              "SELECT DISTINCT trigger_name FROM trigger_results WHERE run_id = ANY(?)",
              rs -> rs.getString(1),
              chunk));
    }
    return new Recorded(metrics, numbers, summarized, triggers);
  }

  /** The names of all components, sorted. */
  public List<String> componentNames() {
    return SqlRows.query(
        database,
        "listing the components",
        "SELECT name FROM components ORDER BY name",
        rs -> rs.getString(1));
  }

  /**
   * The threshold of the component's latest result of that trigger that has one, NaN when none. An
   * error result (a run without the data the trigger needs) carries no threshold, and the engine
   * evaluates runs in parallel, so the latest result may be an earlier run's error.
   */
  public double latestThreshold(String component, String triggerName) {
    return SqlRows.query(
            database,
            "reading the threshold of trigger " + triggerName + " of " + component,
            "SELECT threshold FROM trigger_results WHERE component = ? AND trigger_name = ?"
                + " AND threshold IS NOT NULL"
                + " ORDER BY component, trigger_name, evaluated_at DESC LIMIT 1",
            rs -> Jdbc.doubleOrNaN(rs, "threshold"),
            component,
            triggerName)
        .stream()
        .findFirst()
        .orElse(Double.NaN);
  }

  /** Whether the component has results of a trigger of that name (declared now or before). */
  public boolean hasTrigger(String component, String triggerName) {
    return !SqlRows.query(
            database,
            "looking for trigger " + triggerName + " of " + component,
            "SELECT 1 FROM trigger_results WHERE component = ? AND trigger_name = ? LIMIT 1",
            rs -> 1,
            component,
            triggerName)
        .isEmpty();
  }

  /**
   * {@code SELECT id, start_time, v}: one row per run of the component in {@code [since, until)},
   * {@code v} the metric's value or NULL; appends its parameters to {@code params}.
   */
  private String perRun(
      Metric metric, List<Object> params, String component, Instant since, Instant until) {
    return perRun(
        metric,
        params,
        " FROM component_runs WHERE component = ? AND start_time >= ? AND start_time < ?",
        List.of(component, since, until));
  }

  /**
   * As {@link #perRun(Metric, List, String, Instant, Instant)}, for the runs that {@code where} (a
   * {@code FROM} clause over {@code component_runs}, whose parameters are {@code whereParams})
   * selects.
   */
  String perRun(Metric metric, List<Object> params, String where, List<Object> whereParams) {
    String name = metric.name();
    if (metric.kind() == Kind.VALUE && database.isPostgres()) {
      // One level, no fence: the workers of a parallel scan compute the value and ship only it.
      String output = MetricSql.numberByArrayPosition("output_values");
      String input = MetricSql.numberByArrayPosition("input_values");
      params.addAll(MetricSql.each(output, name));
      params.addAll(MetricSql.each(input, name));
      params.addAll(whereParams);
      return "SELECT id, start_time, COALESCE("
          + output
          + ", "
          + input
          + ") AS v"
          + dialect().withEntries(where, "input_values", "output_values");
    }
    String op = MetricSql.positionOf("output_values");
    String ip = MetricSql.positionOf("input_values");
    params.addAll(MetricSql.each(op, name));
    params.addAll(MetricSql.each(ip, name));
    params.addAll(whereParams);
    // OFFSET 0 keeps the database from inlining the subquery, which would evaluate op and ip once
    // per reference below instead of once per run.
    String runs =
        "SELECT id, start_time, input_values AS i, output_values AS o, value_summaries AS s, "
            + op
            + " AS op, "
            + ip
            + " AS ip"
            + dialect().withEntries(where, "input_values", "output_values", "value_summaries")
            + " OFFSET 0 ROWS";
    if (metric.kind() == Kind.VALUE) {
      return "SELECT id, start_time, COALESCE("
          + MetricSql.numberAt("o", "op")
          + ", "
          + MetricSql.numberAt("i", "ip")
          + ") AS v FROM ("
          + runs
          + ") x";
    }
    String slots =
        "SELECT id, start_time, s, "
            + MetricSql.summarySlot("s", "output", "op")
            + " AS os, "
            + MetricSql.summarySlot("s", "input", "ip")
            + " AS si FROM ("
            + runs
            + ") x OFFSET 0 ROWS";
    return "SELECT id, start_time, COALESCE("
        + MetricSql.statisticAt("s", "os", metric.statistic())
        + ", "
        + MetricSql.statisticAt("s", "si", metric.statistic())
        + ") AS v FROM ("
        + slots
        + ") w";
  }

  private SqlDialect dialect() {
    return SqlDialect.of(database.isPostgres());
  }

  private String newestFirst() {
    return dialect().readThrough("component_runs", "component_runs_by_component_newest");
  }

  private static boolean hasSummary(Object[] summaries, String direction, int position) {
    int n = RunValueArrays.SUMMARY_FIELDS;
    String p = Integer.toString(position);
    for (int i = 0; summaries != null && i + n <= summaries.length; i += n) {
      if (direction.equals(summaries[i]) && p.equals(summaries[i + 1])) {
        return true;
      }
    }
    return false;
  }

  private static Object[] entries(Array a) throws SQLException {
    return a == null ? null : (Object[]) a.getArray();
  }

  /** Microseconds since the epoch. */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  private static String describe(Metric metric) {
    return switch (metric.kind()) {
      case VALUE -> metric.name();
      case SUMMARY -> metric.name() + "." + metric.statistic().key();
      case TRIGGER -> "trigger " + metric.name();
    };
  }
}
