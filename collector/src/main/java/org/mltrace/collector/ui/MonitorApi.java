package org.mltrace.collector.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.mltrace.collector.query.MonitorJson;
import org.mltrace.collector.query.MonitorQuery;
import org.mltrace.collector.query.QueryService;

/**
 * {@code GET monitor, monitor/metrics, monitor/series, monitor/task, monitor/pick}: what the
 * Monitor page draws (docs/api.md). Every series is aggregated by the database into at most {@link
 * MonitorQuery#MAX_BUCKETS} buckets, so an answer stays small on any history.
 */
final class MonitorApi {
  private final MonitorQuery monitor;

  MonitorApi(QueryService queries) {
    this.monitor = new MonitorQuery(queries);
  }

  /** {@code null} when {@code call} is not one of the monitor's. */
  JsonNode read(String call, Params p) {
    return switch (call) {
      case "monitor" -> UiJson.tree(MonitorJson.overview(monitor.tasks(), monitor.components()));
      case "monitor/metrics" ->
          UiJson.tree(MonitorJson.choices(monitor.choices(p.required("component"))));
      case "monitor/series" -> {
        Instant[] range = range(p);
        yield UiJson.tree(
            MonitorJson.series(
                monitor.series(
                    p.required("component"),
                    p.required("metric"),
                    range[0],
                    range[1],
                    last(p),
                    buckets(p))));
      }
      case "monitor/task" -> {
        Instant[] range = range(p);
        yield UiJson.tree(
            MonitorJson.task(
                monitor.task(p.required("task"), range[0], range[1], last(p), buckets(p))));
      }
      case "monitor/pick" -> {
        Instant from = required(p, "since");
        Instant until = required(p, "until");
        String run =
            monitor.pick(p.required("component"), p.required("metric"), from, until).orElse(null);
        yield UiJson.object().put("runId", run);
      }
      default -> null;
    };
  }

  /** {@code last}: {@code 7d}, {@code 12h}, {@code 30m}, or absent or {@code all} for no limit. */
  private static Duration last(Params p) {
    String v = p.optional("last");
    if (v == null || v.equals("all")) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([dhm])").matcher(v);
    if (!m.matches()) {
      throw new BadRequestException(
          "'last' must be a number of days, hours or minutes (7d, 12h, 30m) or all, got '"
              + v
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static int buckets(Params p) {
    return p.integer("buckets", MonitorQuery.DEFAULT_BUCKETS);
  }

  /** {@code since} and {@code until}, each null when absent; since before until when both. */
  private static Instant[] range(Params p) {
    Instant since = p.instant("since");
    Instant until = p.instant("until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw new BadRequestException(
          "'since' (" + since + ") must be before 'until' (" + until + ")");
    }
    return new Instant[] {since, until};
  }

  private static Instant required(Params p, String name) {
    p.required(name);
    return p.instant(name);
  }
}
