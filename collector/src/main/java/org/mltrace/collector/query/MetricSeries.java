package org.mltrace.collector.query;

import java.time.Instant;
import java.util.List;

/**
 * The answer to {@code history COMPONENT --metric NAME}: the latest values, newest run first.
 *
 * @param metric NAME as asked ({@code loss}, or {@code trigger:psi} for a trigger's value)
 */
public record MetricSeries(String component, String metric, int limit, List<Point> points) {

  /**
   * One value. {@code source}: {@code input} or {@code output} for a variable, {@code
   * phase:position} of the declaration for a trigger; {@code value} NaN when a trigger result has
   * none; {@code status} the trigger's {@code pass|fail|error}, null for a variable.
   */
  public record Point(
      String runId, Instant startTime, String source, double value, String status) {}
}
