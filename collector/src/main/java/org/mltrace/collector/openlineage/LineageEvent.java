package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One OpenLineage {@code RunEvent}, checked: the fields mltrace relies on are present and well
 * formed.
 *
 * @param runFacets {@code run.facets}, an object or missing
 * @param jobFacets {@code job.facets}, an object or missing
 * @param json the event as received, kept in the open-run journal
 */
record LineageEvent(
    String runId,
    EventType type,
    Instant eventTime,
    String jobNamespace,
    String jobName,
    String producer,
    List<Dataset> inputs,
    List<Dataset> outputs,
    JsonNode runFacets,
    JsonNode jobFacets,
    ObjectNode json) {

  /** The component the job's runs are stored under: {@code NAMESPACE/NAME}. */
  String component() {
    return jobNamespace + "/" + jobName;
  }
}
