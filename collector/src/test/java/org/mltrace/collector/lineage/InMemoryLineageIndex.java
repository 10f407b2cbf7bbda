package org.mltrace.collector.lineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;

/** The store's lineage queries over a list of runs and links, for unit tests. */
final class InMemoryLineageIndex implements LineageIndex {
  final List<RunEvent> runs = new ArrayList<>();

  /** (consumer run id + "|" + pointer) → producer run id. */
  final Map<String, String> links = new HashMap<>();

  void add(RunEvent run) {
    runs.add(run);
  }

  void link(Dependency d) {
    links.put(d.runId() + "|" + d.pointerId(), d.dependsOnRunId());
  }

  @Override
  public Optional<Producer> latestProducer(
      String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId) {
    return runs.stream()
        .filter(r -> !r.runId().equals(excludedRunId))
        .filter(r -> has(r.outputs(), pointerId, fingerprint))
        .filter(r -> !end(r).isAfter(endedAtOrBefore))
        .max(Comparator.comparing(InMemoryLineageIndex::end).thenComparing(RunEvent::runId))
        .map(r -> new Producer(r.runId(), end(r)));
  }

  @Override
  public List<LinkedConsumer> consumersSince(
      String pointerId, String fingerprint, Instant startedAtOrAfter, String excludedRunId) {
    List<LinkedConsumer> consumers = new ArrayList<>();
    for (RunEvent r : runs) {
      if (r.runId().equals(excludedRunId)
          || !has(r.inputs(), pointerId, fingerprint)
          || EventTimes.ofEpochMicros(r.startEpochMicros()).isBefore(startedAtOrAfter)) {
        continue;
      }
      String linked = links.get(r.runId() + "|" + pointerId);
      Instant linkedEnd =
          linked == null
              ? null
              : runs.stream()
                  .filter(p -> p.runId().equals(linked))
                  .findFirst()
                  .map(InMemoryLineageIndex::end)
                  .orElseThrow();
      consumers.add(new LinkedConsumer(r.runId(), linked, linkedEnd));
    }
    return consumers;
  }

  /** Has the pointer with a fingerprint that is unknown on either side or equal. */
  private static boolean has(List<CapturedValue> values, String pointer, String fingerprint) {
    return values.stream()
        .anyMatch(
            v ->
                v.isPointer()
                    && pointer.equals(v.text())
                    && (fingerprint == null
                        || v.fingerprint() == null
                        || fingerprint.equals(v.fingerprint())));
  }

  private static Instant end(RunEvent r) {
    return EventTimes.ofEpochMicros(r.endEpochMicros());
  }
}
