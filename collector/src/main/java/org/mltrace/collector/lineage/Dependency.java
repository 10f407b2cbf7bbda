package org.mltrace.collector.lineage;

import java.util.Objects;

/**
 * Run {@code runId} read {@code pointerId}, which run {@code dependsOnRunId} was the last to write
 * before {@code runId} started.
 */
public record Dependency(String runId, String dependsOnRunId, String pointerId) {
  public Dependency {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(dependsOnRunId, "dependsOnRunId");
    Objects.requireNonNull(pointerId, "pointerId");
  }
}
