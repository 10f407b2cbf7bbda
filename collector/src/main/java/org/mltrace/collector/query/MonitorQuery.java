package org.mltrace.collector.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.store.JdbcMetricStore;
import org.mltrace.collector.store.JdbcMetricStore.Kind;
import org.mltrace.collector.store.JdbcMetricStore.Metric;
import org.mltrace.collector.store.JdbcTaskSeriesStore;
import org.mltrace.collector.store.SummaryStatistic;
import org.mltrace.collector.truth.TaskReport;

/**
 * The Monitor page and {@code history COMPONENT --metric NAME --buckets N}: a component's number,
 * summary statistic or trigger value, or a task's windowed metrics, over a time range, aggregated
 * by the database into at most {@value #MAX_BUCKETS} buckets (count, min, mean, max each).
 *
 * <p>A metric is written {@code NAME} (a captured LONG or DOUBLE input or output; the output's when
 * a run has both), {@code NAME.STAT} (a statistic of the summary of the array or collection NAME:
 * {@code mean}, {@code min}, {@code max}, {@code stddev}, {@code count}, {@code null_fraction},
 * {@code distinct}) or {@code trigger:NAME}.
 */
public final class MonitorQuery {
  public static final int DEFAULT_BUCKETS = 200;
  public static final int MAX_BUCKETS = 1000;

  /** Runs whose values list a component's metrics: its newest, read through the index. */
  static final int LISTED_RUNS = 200;

  private final QueryService queries;
  private final JdbcMetricStore store;
  private final JdbcTaskSeriesStore tasks;

  public MonitorQuery(QueryService queries) {
    this.queries = queries;
    this.store = new JdbcMetricStore(queries.database());
    this.tasks = new JdbcTaskSeriesStore(queries.database());
  }

  /** One entry of a component's metric list. */
  public record Choice(String id, String kind, boolean declaredMetric) {}

  /**
   * A component series: {@code threshold} that of the latest trigger result that has one (NaN when
   * none).
   */
  public record Series(
      String component,
      String metric,
      Kind kind,
      Instant since,
      Instant until,
      long widthMicros,
      double threshold,
      List<JdbcMetricStore.Bucket> buckets) {
    public Instant bucketStart(long index) {
      return since.plusNanos(Math.multiplyExact(index * widthMicros, 1000));
    }

    public boolean isTrigger() {
      return kind == Kind.TRIGGER;
    }
  }

  /** An SLA alert with the metric's value where it opened and (when resolved) where it ended. */
  public record AlertMark(
      JdbcTaskSeriesStore.SlaAlert alert, String metric, double resolvedValue) {}

  /** A task's series: the report (declaration, counters, SLA states) and its buckets. */
  public record TaskSeries(
      TaskReport report,
      Instant since,
      Instant until,
      long widthMicros,
      List<JdbcTaskSeriesStore.Bucket> buckets,
      List<AlertMark> alerts) {
    public Instant bucketStart(long index) {
      return since.plusNanos(Math.multiplyExact(index * widthMicros, 1000));
    }
  }

  /** The components, sorted (names only: no run counts). */
  public List<String> components() {
    return store.componentNames();
  }

  /** The declared tasks. */
  public List<String> tasks() {
    return new TaskQuery(queries).names();
  }

  /**
   * What can be watched of the component: the numbers declared {@code type: metric} first, then the
   * other numbers, the summarized values' statistics, and the triggers, as its newest {@value
   * #LISTED_RUNS} runs and its trigger declarations have them.
   */
  public List<Choice> choices(String component) {
    requireComponent(component);
    JdbcMetricStore.Recorded r = store.recorded(component, LISTED_RUNS);
    List<Choice> out = new ArrayList<>();
    r.metrics().forEach(n -> out.add(new Choice(n, "value", true)));
    r.numbers().stream()
        .filter(n -> !r.metrics().contains(n))
        .forEach(n -> out.add(new Choice(n, "value", false)));
    for (String n : r.summarized()) {
      for (SummaryStatistic s : SummaryStatistic.values()) {
        out.add(new Choice(n + "." + s.key(), "summary", false));
      }
    }
    r.triggers().forEach(t -> out.add(new Choice("trigger:" + t, "trigger", false)));
    return out;
  }

  /**
   * The metric of the component's runs that started in {@code [since, until)} (null: from its first
   * run, to just after its latest) in at most {@code buckets} buckets.
   *
   * @throws InvalidRequestException if buckets is not in 1..{@value #MAX_BUCKETS} or since is not
   *     before until
   * @throws NotFoundException if the component is unknown, or it has no such number at all
   */
  public Series series(
      String component, String metricText, Instant since, Instant until, int buckets) {
    return series(component, metricText, since, until, null, buckets);
  }

  /**
   * As {@link #series(String, String, Instant, Instant, int)}; without {@code since}, {@code last}
   * (null: all) is the range: that long before the component's latest run.
   */
  public Series series(
      String component,
      String metricText,
      Instant since,
      Instant until,
      Duration last,
      int buckets) {
    checkBuckets(buckets);
    requireComponent(component);
    Metric metric = parse(component, metricText);
    Range r = Range.of(store.runSpan(component), since, until, last, buckets);
    List<JdbcMetricStore.Bucket> rows = store.buckets(component, metric, r.from, r.to, r.width);
    if (rows.isEmpty() && !known(component, metric)) {
      throw unknownMetric(component, metricText);
    }
    double threshold =
        metric.kind() == Kind.TRIGGER
            ? store.latestThreshold(component, metric.name())
            : Double.NaN;
    return new Series(component, metricText, metric.kind(), r.from, r.to, r.width, threshold, rows);
  }

  /**
   * The run to open for a bucket of a series: the one whose trigger failed, else the largest value.
   */
  public Optional<String> pick(String component, String metricText, Instant from, Instant until) {
    requireComponent(component);
    checkRange(from, until);
    return store.pick(component, parse(component, metricText), from, until);
  }

  /**
   * A task's metrics and labelled counts over {@code [since, until)} (null: from {@code last}
   * before its latest evaluation, or its first, to just after its latest), its SLAs and the SLA
   * alerts open in that range.
   *
   * @throws org.mltrace.collector.truth.TaskException if the task is not declared
   */
  public TaskSeries task(String name, Instant since, Instant until, Duration last, int buckets) {
    checkBuckets(buckets);
    TaskReport report = new TaskQuery(queries).report(name, 1);
    String task = report.task().name();
    Range r = Range.of(tasks.span(task), since, until, last, buckets);
    List<AlertMark> marks = new ArrayList<>();
    List<TaskEvent.Sla> slas = report.task().event().slas();
    for (JdbcTaskSeriesStore.SlaAlert a : tasks.alerts(task, r.from, r.to)) {
      String metric = a.position() < slas.size() ? slas.get(a.position()).metric() : null;
      double resolved =
          metric == null || a.resolvedSeq() < 0
              ? Double.NaN
              : tasks.valueAt(task, a.resolvedSeq(), metric);
      marks.add(new AlertMark(a, metric, resolved));
    }
    return new TaskSeries(
        report, r.from, r.to, r.width, tasks.buckets(task, r.from, r.to, r.width), marks);
  }

  /** A series' time range {@code [from, to)} and its buckets' width in microseconds. */
  private record Range(Instant from, Instant to, long width) {
    /**
     * The range asked for: {@code since} or, without it, {@code last} (null: all) before the end of
     * {@code span} (the first and latest time the data has), and {@code until} or just after that
     * latest time.
     */
    static Range of(
        Optional<Instant[]> span, Instant since, Instant until, Duration last, int buckets) {
      Instant from = since != null ? since : span.map(s -> first(s, last)).orElse(Instant.EPOCH);
      Instant to =
          until != null ? until : span.map(s -> s[1].plusNanos(1000)).orElse(from.plusNanos(1000));
      checkRange(from, to);
      return new Range(from, to, MonitorQuery.width(from, to, buckets));
    }

    private static Instant first(Instant[] span, Duration last) {
      if (last == null) {
        return span[0];
      }
      Instant from = span[1].minus(last);
      return from.isAfter(span[0]) ? from : span[0];
    }
  }

  /** Micros per bucket so that {@code [from, to)} fits in {@code buckets}: at least 1. */
  static long width(Instant from, Instant to, int buckets) {
    long span = Math.max(1, JdbcMetricStore.micros(to) - JdbcMetricStore.micros(from));
    return Math.max(1, (span + buckets - 1) / buckets);
  }

  private Metric parse(String component, String text) {
    if (text.startsWith(MetricQuery.TRIGGER_PREFIX)) {
      return new Metric(Kind.TRIGGER, text.substring(MetricQuery.TRIGGER_PREFIX.length()), null);
    }
    int dot = text.lastIndexOf('.');
    if (dot > 0) {
      Optional<SummaryStatistic> stat = SummaryStatistic.of(text.substring(dot + 1));
      if (stat.isPresent()) {
        JdbcMetricStore.Recorded r = store.recorded(component, LISTED_RUNS);
        // a number recorded under the whole name (a field path ending in .mean) is that number
        if (!r.numbers().contains(text)) {
          return new Metric(Kind.SUMMARY, text.substring(0, dot), stat.get());
        }
      }
    }
    return new Metric(Kind.VALUE, text, null);
  }

  private boolean known(String component, Metric metric) {
    JdbcMetricStore.Recorded r = store.recorded(component, LISTED_RUNS);
    return switch (metric.kind()) {
      case VALUE -> r.numbers().contains(metric.name());
      case SUMMARY -> r.summarized().contains(metric.name());
      case TRIGGER ->
          r.triggers().contains(metric.name()) || store.hasTrigger(component, metric.name());
    };
  }

  NotFoundException unknownMetric(String component, String metric) {
    List<String> names = choices(component).stream().map(Choice::id).toList();
    return new NotFoundException(
        "component '"
            + component
            + "' recorded no number named '"
            + metric
            + "' ("
            + (names.isEmpty() ? "it recorded no numbers" : "it has: " + String.join(", ", names))
            + ")");
  }

  private void requireComponent(String component) {
    if (queries.repository().findComponent(component).isEmpty()) {
      throw new NotFoundException(
          "no component named '" + component + "' (list them with 'mltrace components')");
    }
  }

  private static void checkBuckets(int buckets) {
    if (buckets < 1 || buckets > MAX_BUCKETS) {
      throw new InvalidRequestException(
          "--buckets must be between 1 and " + MAX_BUCKETS + ", got " + buckets);
    }
  }

  private static void checkRange(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new InvalidRequestException(
          "--since (" + from + ") must be before --until (" + to + ")");
    }
  }
}
