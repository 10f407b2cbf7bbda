package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.store.JdbcMetricStore;

/**
 * {@code history COMPONENT --metric NAME}: a captured number, or with {@code trigger:NAME} a
 * trigger's value, over the component's latest runs, for plots.
 */
public final class MetricQuery {
  static final String TRIGGER_PREFIX = "trigger:";

  private final QueryService queries;
  private final JdbcMetricStore store;

  public MetricQuery(QueryService queries) {
    this.queries = queries;
    this.store = new JdbcMetricStore(queries.database());
  }

  /**
   * @throws InvalidRequestException if {@code limit} is below 1
   * @throws NotFoundException if the component is unknown, or it never recorded that number
   */
  public MetricSeries series(String component, String metric, int limit) {
    if (limit < 1) {
      throw new InvalidRequestException("--limit must be at least 1, got " + limit);
    }
    if (queries.repository().findComponent(component).isEmpty()) {
      throw new NotFoundException(
          "no component named '" + component + "' (list them with 'mltrace components')");
    }
    List<JdbcMetricStore.Point> rows =
        metric.startsWith(TRIGGER_PREFIX)
            ? store.trigger(component, metric.substring(TRIGGER_PREFIX.length()), limit)
            : store.variable(component, metric, limit);
    if (rows.isEmpty()) {
      throw new MonitorQuery(queries).unknownMetric(component, metric);
    }
    List<MetricSeries.Point> points =
        rows.stream()
            .map(
                p ->
                    new MetricSeries.Point(
                        p.runId(), p.start(), p.source(), number(p.text()), p.status()))
            .toList();
    return new MetricSeries(component, metric, limit, points);
  }

  private static double number(String text) {
    if (text == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
