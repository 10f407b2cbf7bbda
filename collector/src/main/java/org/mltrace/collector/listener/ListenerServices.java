package org.mltrace.collector.listener;

import java.util.function.Consumer;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.metrics.CollectorMetrics;
import org.mltrace.collector.openlineage.LineageIntake;
import org.mltrace.collector.query.QueryService;

/**
 * What the listener's endpoints work on; closed, on the listener's thread, when it stops.
 *
 * @param jdbcUrl the database feedback is imported into
 * @param alerts where the SLA alerts a feedback import opens or resolves go (the alert sinks)
 */
public record ListenerServices(
    LineageIntake lineage,
    CollectorMetrics metrics,
    QueryService queries,
    String jdbcUrl,
    Consumer<AlertEvent> alerts) {

  void close() {
    lineage.close();
    metrics.close();
    queries.close();
  }
}
