package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mltrace.collector.store.JdbcMetricStore.Bucket;
import org.mltrace.collector.store.JdbcMetricStore.Metric;

/**
 * A component's number or summary statistic over a long range, from hourly rollups ({@code
 * metric_rollups}, V046) where it can: a million-run component's year read every run's arrays again
 * (13-16 s on PostgreSQL), where its rollups are 8,760 rows.
 *
 * <h2>Design</h2>
 *
 * A series' bucket {@code [since + i * width, ... + width)} is a sum of whole hours and of two
 * partial ones at its ends. Each whole hour that ended {@value #SETTLED_HOURS} hours or more before
 * the query ran is read from its rollup (runs, values, sum, min, max, first run); the hours holding
 * a bucket boundary, the range's ends and the recent hours are aggregated from the runs, as without
 * rollups, in one statement. So a bucket holds exactly the runs it held before; only its mean is
 * now a sum divided by a count, which may differ from the database's {@code AVG} in the last bits.
 *
 * <p>Rollups are written by the query that needs them, never by ingest (which must stay as fast as
 * it is). A span row ({@code metric_rollup_spans}) says which hours of a series are rolled up. Each
 * use counts the component's runs in the hours it reads, without reading arrays: through the index
 * {@code (component, start_time)} when those hours are the shorter time, else as the component's
 * total ({@code component_run_counts}) less the runs before and after them, so a year's view counts
 * a few hours of runs. When the count differs from the rollups' (runs stored late, after their hour
 * was rolled up; runs compacted away), each hour's runs are counted and the hours whose count
 * changed are computed again. A purge blanks values without removing runs: {@link RunValueBlanker}
 * deletes the rollups of the components it touched, in the purge's transaction. (Runs written into
 * {@code component_runs} by hand are not in {@code component_run_counts}: such a component's year
 * is then counted hour by hour at each view, slower, still right.)
 *
 * <p>Concurrent writers (two web UI requests) may race to roll up the same hours: the loser's
 * transaction fails on the primary key, is rolled back, and that request is answered from the runs
 * alone. Trigger series are not rolled up: their results can be evaluated after their run is
 * stored, which the run count does not see.
 */
final class MetricRollups {
  static final long HOUR = 3_600_000_000L;

  /** Hours that ended at least this long before the query are rolled up; later ones are not. */
  static final int SETTLED_HOURS = 24;

  /** A range with fewer whole settled hours than this is aggregated from the runs alone. */
  static final int MIN_HOURS = 72;

  /** What some runs hold of the series: merged from rollups and raw aggregates. */
  record Agg(long runsAll, long values, double sum, double min, double max, String firstRun) {
    /** From columns 2 to 7: runs, values, sum, min, max, first run (sum to max NULL or 0). */
    static Agg of(ResultSet rs) throws SQLException {
      long values = rs.getLong(3);
      return new Agg(
          rs.getLong(2),
          values,
          values == 0 ? 0 : rs.getDouble(4),
          values == 0 ? Double.POSITIVE_INFINITY : rs.getDouble(5),
          values == 0 ? Double.NEGATIVE_INFINITY : rs.getDouble(6),
          rs.getString(7));
    }

    Agg plus(Agg o) {
      return new Agg(
          runsAll + o.runsAll,
          values + o.values,
          sum + o.sum,
          Math.min(min, o.min),
          Math.max(max, o.max),
          firstRun == null
              ? o.firstRun
              : o.firstRun == null || firstRun.compareTo(o.firstRun) <= 0 ? firstRun : o.firstRun);
    }
  }

  /** A stretch of time in epoch microseconds, {@code [from, to)}. */
  record Span(long from, long to) {}

  /**
   * The runs of the spans: H2 looks each span up in the index from the join. PostgreSQL must be
   * made to: it guessed thousands of runs per span and scanned the whole table instead (12.6 s for
   * a 110,000-run component's year). A LATERAL subquery that it cannot pull up ({@code OFFSET 0})
   * is an index look-up per span (0.36 s).
   */
  private static final String H2_SPANS =
      " FROM UNNEST(?, ?) AS e(f, t) JOIN component_runs ON component = ?"
          + " AND start_time >= CAST(e.f AS TIMESTAMP WITH TIME ZONE)"
          + " AND start_time < CAST(e.t AS TIMESTAMP WITH TIME ZONE)";

  private static final String PG_SPANS =
      " FROM UNNEST(?, ?) AS e(f, t) CROSS JOIN LATERAL (SELECT * FROM component_runs"
          + " WHERE component = ? AND start_time >= CAST(e.f AS TIMESTAMP WITH TIME ZONE)"
          + " AND start_time < CAST(e.t AS TIMESTAMP WITH TIME ZONE) OFFSET 0 ROWS) r";

  /**
   * Up to this many spans (the hours missing from a series' rollups, usually one long stretch) are
   * read one statement each, as {@link JdbcMetricStore#fromRuns} reads its range: PostgreSQL scans
   * a long one in parallel, which the LATERAL look-up per span cannot (a 110,000-run year was
   * rolled up in 12.8 s through it, against 3.8 s for the plain series).
   */
  private static final int FEW = 4;

  private final Database database;
  private final JdbcMetricStore store;

  MetricRollups(Database database, JdbcMetricStore store) {
    this.database = database;
    this.store = store;
  }

  /**
   * The buckets of {@link JdbcMetricStore#buckets}, from rollups, or null when the range holds too
   * few settled whole hours for them to help (or the metric is a trigger's).
   */
  List<Bucket> buckets(
      String component, Metric metric, Instant since, Instant until, long width, Instant now) {
    if (metric.kind() == JdbcMetricStore.Kind.TRIGGER) {
      return null;
    }
    long s = JdbcMetricStore.micros(since);
    long u = JdbcMetricStore.micros(until);
    long settled = Math.floorDiv(JdbcMetricStore.micros(now), HOUR) * HOUR - SETTLED_HOURS * HOUR;
    long lo = Math.floorDiv(s + HOUR - 1, HOUR) * HOUR;
    long hi = Math.min(Math.floorDiv(u, HOUR) * HOUR, settled);
    if (width < HOUR || hi - lo < MIN_HOURS * HOUR) {
      return null;
    }
    String key = key(metric);
    Map<Long, Agg> hours;
    try {
      hours = rolledUp(component, metric, key, new Span(lo, hi), JdbcMetricStore.micros(now));
    } catch (SQLException | StoreException e) {
      // another request rolled the same hours up meanwhile, or the database refused to write:
      // this answer comes from the runs alone
      return null;
    }
    List<Span> raw = new ArrayList<>();
    Map<Long, Agg> byBucket = new TreeMap<>();
    add(raw, s, lo);
    for (long h = lo; h < hi; h += HOUR) {
      long first = Math.floorDiv(h - s, width);
      if (first != Math.floorDiv(h + HOUR - 1 - s, width)) {
        add(raw, h, h + HOUR); // a bucket boundary falls inside this hour
        continue;
      }
      Agg a = hours.get(h);
      if (a != null && a.runsAll() > 0) {
        byBucket.merge(first, a, Agg::plus);
      }
    }
    add(raw, hi, u);
    aggregate(component, metric, raw, s, width).forEach((b, a) -> byBucket.merge(b, a, Agg::plus));
    List<Bucket> out = new ArrayList<>();
    byBucket.forEach(
        (b, a) -> {
          if (a.values() > 0) {
            out.add(
                new Bucket(
                    b,
                    a.values(),
                    a.min(),
                    a.sum() / a.values(),
                    a.max(),
                    a.values(),
                    0,
                    a.firstRun()));
          }
        });
    return out;
  }

  /** Appends {@code [from, to)} to {@code spans}, joined to the last one when they touch. */
  private static void add(List<Span> spans, long from, long to) {
    if (from >= to) {
      return;
    }
    if (!spans.isEmpty() && spans.get(spans.size() - 1).to() == from) {
      spans.set(spans.size() - 1, new Span(spans.get(spans.size() - 1).from(), to));
    } else {
      spans.add(new Span(from, to));
    }
  }

  /**
   * The rollups of the hours of {@code wanted}, by hour start, computing what is missing or changed
   * first, in one transaction.
   */
  private Map<Long, Agg> rolledUp(
      String component, Metric metric, String key, Span wanted, long now) throws SQLException {
    Connection c = database.connection();
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      Map<Long, Agg> hours = roll(c, component, metric, key, wanted, now);
      c.commit();
      return hours;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private Map<Long, Agg> roll(
      Connection c, String component, Metric metric, String key, Span wanted, long now)
      throws SQLException {
    Span covered = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT covered_from, covered_to FROM metric_rollup_spans"
                + " WHERE component = ? AND metric = ?")) {
      ps.setString(1, component);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          covered = new Span(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    if (covered != null && (covered.to() < wanted.from() || wanted.to() < covered.from())) {
      // apart from what is wanted: start again rather than roll up the hours between
      delete(c, component, key, covered);
      covered = null;
    }
    List<Span> missing = new ArrayList<>();
    if (covered == null) {
      missing.add(wanted);
      covered = wanted;
    } else {
      add(missing, wanted.from(), Math.min(wanted.to(), covered.from()));
      add(missing, Math.max(wanted.from(), covered.to()), wanted.to());
      covered =
          new Span(Math.min(covered.from(), wanted.from()), Math.max(covered.to(), wanted.to()));
    }
    if (!missing.isEmpty()) {
      insert(c, component, key, aggregate(component, metric, missing, 0, HOUR));
      upsertSpan(c, component, key, covered);
    }
    Map<Long, Agg> hours = read(c, component, key, wanted);
    long rolled = hours.values().stream().mapToLong(Agg::runsAll).sum();
    if (countRuns(c, component, wanted, now) != rolled) {
      List<Span> changed = changedHours(c, component, wanted, hours);
      for (Span h : changed) {
        delete(c, component, key, h);
      }
      insert(c, component, key, aggregate(component, metric, changed, 0, HOUR));
      hours = read(c, component, key, wanted);
    }
    return hours;
  }

  /**
   * The component's runs that started in {@code span}: counted there when it is the shorter time,
   * else its total ({@code component_run_counts}, kept at ingest) less the runs before and after
   * it, so that a year's view counts a few hours of runs, not a year's.
   */
  private long countRuns(Connection c, String component, Span span, long now) throws SQLException {
    Optional<Instant[]> runs = store.runSpan(component);
    long first = runs.map(r -> JdbcMetricStore.micros(r[0])).orElse(span.from());
    if (span.to() - span.from()
        <= Math.max(0, span.from() - first) + Math.max(0, now - span.to())) {
      return count(c, component, span.from(), span.to());
    }
    long total = 0;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT SUM(runs) FROM component_run_counts WHERE component = ?")) {
      ps.setString(1, component);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          total = rs.getLong(1);
        }
      }
    }
    return total
        - count(c, component, Long.MIN_VALUE, span.from())
        - count(c, component, span.to(), Long.MAX_VALUE);
  }

  private static long count(Connection c, String component, long from, long to)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM component_runs WHERE component = ?"
                + (from == Long.MIN_VALUE ? "" : " AND start_time >= ?")
                + (to == Long.MAX_VALUE ? "" : " AND start_time < ?"))) {
      ps.setString(1, component);
      int i = 2;
      if (from != Long.MIN_VALUE) {
        Jdbc.setTime(ps, i++, instant(from));
      }
      if (to != Long.MAX_VALUE) {
        Jdbc.setTime(ps, i, instant(to));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The hours of {@code span} whose run count now differs from their rollup's, as spans. */
  private static List<Span> changedHours(
      Connection c, String component, Span span, Map<Long, Agg> rolled) throws SQLException {
    Map<Long, Long> now = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + MetricSql.bucketOf("start_time")
                + " AS h, COUNT(*) FROM component_runs WHERE component = ?"
                + " AND start_time >= ? AND start_time < ? GROUP BY h")) {
      ps.setLong(1, 0);
      ps.setLong(2, HOUR);
      ps.setString(3, component);
      Jdbc.setTime(ps, 4, instant(span.from()));
      Jdbc.setTime(ps, 5, instant(span.to()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          now.put(rs.getLong(1) * HOUR, rs.getLong(2));
        }
      }
    }
    TreeSet<Long> hours = new TreeSet<>(now.keySet());
    hours.addAll(rolled.keySet());
    List<Span> changed = new ArrayList<>();
    for (long h : hours) {
      Agg a = rolled.get(h);
      if ((a == null ? 0 : a.runsAll()) != now.getOrDefault(h, 0L)) {
        add(changed, h, h + HOUR);
      }
    }
    return changed;
  }

  /**
   * The series' runs that started in {@code spans}, aggregated by {@code floor((start - origin) /
   * width)}: one statement per chunk of spans, each span read through the index.
   */
  private Map<Long, Agg> aggregate(
      String component, Metric metric, List<Span> spans, long origin, long width) {
    Map<Long, Agg> out = new TreeMap<>();
    int size = spans.size() <= FEW ? 1 : AnyOf.CHUNK;
    for (int from = 0; from < spans.size(); from += size) {
      List<Span> chunk = spans.subList(from, Math.min(spans.size(), from + size));
      List<Object> params = new ArrayList<>();
      params.add(origin);
      params.add(width);
      String runs =
          size == 1
              ? store.perRun(
                  metric,
                  params,
                  " FROM component_runs WHERE component = ? AND start_time >= ?"
                      + " AND start_time < ?",
                  List.of(component, instant(chunk.get(0).from()), instant(chunk.get(0).to())))
              : store.perRun(
                  metric,
                  params,
                  database.isPostgres() ? PG_SPANS : H2_SPANS,
                  List.of(
                      chunk.stream().map(sp -> instant(sp.from()).toString()).toList(),
                      chunk.stream().map(sp -> instant(sp.to()).toString()).toList(),
                      component));
      SqlRows.query(
              database,
              "rolling up " + metric.name() + " of " + component,
              "SELECT b, COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v),"
                  + " MIN(CASE WHEN v IS NOT NULL THEN id END) FROM (SELECT "
                  + MetricSql.bucketOf("start_time")
                  + " AS b, id, v FROM ("
                  + runs
                  + ") y) z GROUP BY b",
              rs -> Map.entry(rs.getLong(1), Agg.of(rs)),
              params.toArray())
          .forEach(e -> out.merge(e.getKey(), e.getValue(), Agg::plus));
    }
    if (origin == 0 && width == HOUR) {
      Map<Long, Agg> byHour = new TreeMap<>();
      out.forEach((b, a) -> byHour.put(b * HOUR, a));
      return byHour;
    }
    return out;
  }

  private static void insert(Connection c, String component, String key, Map<Long, Agg> hours)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO metric_rollups (component, metric, period_start, runs_all, value_count,"
                + " value_sum, value_min, value_max, first_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<Long, Agg> e : hours.entrySet()) {
        Agg a = e.getValue();
        ps.setString(1, component);
        ps.setString(2, key);
        ps.setLong(3, e.getKey());
        ps.setLong(4, a.runsAll());
        ps.setLong(5, a.values());
        Jdbc.setDouble(ps, 6, a.values() == 0 ? Double.NaN : a.sum());
        Jdbc.setDouble(ps, 7, a.values() == 0 ? Double.NaN : a.min());
        Jdbc.setDouble(ps, 8, a.values() == 0 ? Double.NaN : a.max());
        ps.setString(9, a.firstRun());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void upsertSpan(Connection c, String component, String key, Span covered)
      throws SQLException {
    try (PreparedStatement del =
            c.prepareStatement(
                "DELETE FROM metric_rollup_spans WHERE component = ? AND metric = ?");
        PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO metric_rollup_spans (component, metric, covered_from, covered_to)"
                    + " VALUES (?, ?, ?, ?)")) {
      del.setString(1, component);
      del.setString(2, key);
      del.executeUpdate();
      ins.setString(1, component);
      ins.setString(2, key);
      ins.setLong(3, covered.from());
      ins.setLong(4, covered.to());
      ins.executeUpdate();
    }
  }

  private static void delete(Connection c, String component, String key, Span span)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM metric_rollups WHERE component = ? AND metric = ?"
                + " AND period_start >= ? AND period_start < ?")) {
      ps.setString(1, component);
      ps.setString(2, key);
      ps.setLong(3, span.from());
      ps.setLong(4, span.to());
      ps.executeUpdate();
    }
  }

  private static Map<Long, Agg> read(Connection c, String component, String key, Span span)
      throws SQLException {
    Map<Long, Agg> hours = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT period_start, runs_all, value_count, value_sum, value_min, value_max,"
                + " first_run FROM metric_rollups WHERE component = ? AND metric = ?"
                + " AND period_start >= ? AND period_start < ?")) {
      ps.setString(1, component);
      ps.setString(2, key);
      ps.setLong(3, span.from());
      ps.setLong(4, span.to());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hours.put(rs.getLong(1), Agg.of(rs));
        }
      }
    }
    return hours;
  }

  /**
   * Deletes the rollups of {@code components}, in the caller's transaction: their runs' values
   * changed ({@code mltrace purge}).
   */
  static void forget(Connection c, Collection<String> components) throws SQLException {
    try (PreparedStatement rows =
            c.prepareStatement("DELETE FROM metric_rollups WHERE component = ?");
        PreparedStatement spans =
            c.prepareStatement("DELETE FROM metric_rollup_spans WHERE component = ?")) {
      for (String component : new TreeSet<>(components)) {
        rows.setString(1, component);
        rows.executeUpdate();
        spans.setString(1, component);
        spans.executeUpdate();
      }
    }
  }

  /** The series' name in the rollup tables. */
  private static String key(Metric metric) {
    return switch (metric.kind()) {
      case VALUE -> "value:" + metric.name();
      case SUMMARY -> "summary:" + metric.name() + "." + metric.statistic().key();
      case TRIGGER -> "trigger:" + metric.name();
    };
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
