package org.mltrace.collector.lineage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DependencyResolver} needs to know about runs already stored: who wrote a pointer, and
 * who read it. The store implements it inside the ingest transaction, so runs stored earlier in the
 * same batch are visible.
 *
 * <p>A {@code fingerprint} (a file's content hash when it was read or written) narrows both
 * queries: when it is given, a run whose row for the pointer carries a <em>different</em>
 * fingerprint does not count; rows without a fingerprint (older agents, directories, {@code
 * capture: pointer}) still do. A null fingerprint matches every row.
 */
public interface LineageIndex {

  /**
   * The run, other than {@code excludedRunId}, that has {@code pointerId} among its outputs with a
   * fingerprint compatible with {@code fingerprint}, and ended last at or before {@code
   * endedAtOrBefore}; ties on end time go to the greater run id.
   */
  Optional<Producer> latestProducer(
      String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId);

  /**
   * The runs, other than {@code excludedRunId}, that have {@code pointerId} among their inputs with
   * a fingerprint compatible with {@code fingerprint}, and started at or after {@code
   * startedAtOrAfter}, each with the producer it is linked to for that pointer now (null fields
   * when none).
   */
  List<LinkedConsumer> consumersSince(
      String pointerId, String fingerprint, Instant startedAtOrAfter, String excludedRunId);

  /** A run that wrote a pointer, and when it ended. */
  record Producer(String runId, Instant endTime) {}

  /** A run that read a pointer, and the producer it is currently linked to for it, if any. */
  record LinkedConsumer(String runId, String linkedProducerId, Instant linkedProducerEnd) {}
}
