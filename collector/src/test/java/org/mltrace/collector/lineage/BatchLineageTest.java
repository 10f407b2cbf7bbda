package org.mltrace.collector.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;

/**
 * Resolving a batch at once must link exactly as storing its runs one at a time does, whatever the
 * batch sizes, arrival order, fingerprints, and however many producers a pointer has (beyond the
 * snapshot's cap the database answers).
 */
class BatchLineageTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void batchesLinkExactlyAsOneRunAtATime(long seed) {
    Random random = new Random(seed);
    List<RunEvent> runs = LineageWorkloads.randomRuns(random, 400);

    Map<String, String> oneByOne = LineageWorkloads.linksOneAtATime(runs);

    SnapshotStore batched = new SnapshotStore();
    int fallbacksBefore = batched.fallbacks;
    for (int from = 0; from < runs.size(); ) {
      int to = Math.min(runs.size(), from + 1 + random.nextInt(60));
      List<RunEvent> batch = runs.subList(from, to);
      BatchLineage.Links links = new BatchLineage().resolve(batch, batched);
      batch.forEach(batched.index::add);
      for (Dependency d : links.replacing()) {
        assertTrue(
            batched.index.runs.stream().anyMatch(r -> r.runId().equals(d.runId())),
            "only stored runs' links are replaced");
      }
      links.links().forEach(batched.index::link);
      from = to;
    }

    assertTrue(oneByOne.size() > 100, "the workload links plenty: " + oneByOne.size());
    assertEquals(oneByOne, batched.index.links);
    assertTrue(batched.fallbacks > fallbacksBefore, "some questions went past the snapshot's cap");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void theSnapshotAloneLinksAsTheDatabaseWouldOrSaysItCannot(long seed) {
    Random random = new Random(seed);
    List<RunEvent> runs = LineageWorkloads.randomRuns(random, 400);
    SnapshotStore store = new SnapshotStore();
    int answered = 0;
    int declined = 0;
    for (int from = 0; from < runs.size(); ) {
      int to = Math.min(runs.size(), from + 1 + random.nextInt(60));
      List<RunEvent> batch = runs.subList(from, to);
      BatchLineage.Prepared prepared = new BatchLineage().prepare(batch, store);
      Optional<BatchLineage.Links> fromSnapshot = prepared.resolveFromSnapshot();
      int fallbacksBefore = store.fallbacks;
      BatchLineage.Links links = prepared.resolve(store);
      if (fromSnapshot.isPresent()) {
        answered++;
        assertEquals(links, fromSnapshot.get());
        assertEquals(fallbacksBefore, store.fallbacks, "answered without the database");
      } else {
        declined++;
        assertTrue(store.fallbacks > fallbacksBefore, "declined only where the database answers");
      }
      batch.forEach(store.index::add);
      links.links().forEach(store.index::link);
      from = to;
    }
    assertTrue(answered > 0 && declined > 0, answered + " answered, " + declined + " declined");
  }

  @Test
  void aRunLinksToAProducerEarlierInItsOwnBatch() {
    RunEvent producer = run("p", "prep").at(0, 1).writes("o", "/f").build();
    RunEvent consumer = run("c", "train").at(2, 3).reads("i", "/f").build();
    BatchLineage.Links links =
        new BatchLineage().resolve(List.of(producer, consumer), new SnapshotStore());
    assertEquals(List.of(new Dependency("c", "p", "/f")), links.links());
    assertEquals(List.of(), links.replacing());
  }

  @Test
  void aLateProducerTakesOverAStoredConsumersLink() {
    SnapshotStore store = new SnapshotStore();
    RunEvent early = run("p1", "prep").at(0, 1).writes("o", "/f").build();
    RunEvent consumer = run("c", "train").at(5, 6).reads("i", "/f").build();
    for (RunEvent r : List.of(early, consumer)) {
      store.index.add(r);
      new BatchLineage().resolve(List.of(), store);
    }
    store.index.link(new Dependency("c", "p1", "/f"));
    RunEvent late = run("p2", "prep").at(2, 3).writes("o", "/f").build();
    BatchLineage.Links links = new BatchLineage().resolve(List.of(late), store);
    assertEquals(List.of(new Dependency("c", "p2", "/f")), links.replacing());
  }

  /** A store over an in-memory index: answers snapshots as the SQL does, and counts fallbacks. */
  static final class SnapshotStore implements BatchLineage.Store {
    final InMemoryLineageIndex index = new InMemoryLineageIndex();
    int fallbacks;

    @Override
    public LineageSnapshot lineageSnapshot(
        Collection<String> readPointers,
        Collection<String> writtenPointers,
        Instant consumersStartedAtOrAfter,
        int producersPerPointer) {
      List<LineageSnapshot.ProducerRow> producers = new ArrayList<>();
      for (String pointer : readPointers) {
        List<LineageSnapshot.ProducerRow> rows = new ArrayList<>();
        for (RunEvent r : index.runs) {
          for (CapturedValue v : r.outputs()) {
            if (v.isPointer() && pointer.equals(v.text())) {
              rows.add(
                  new LineageSnapshot.ProducerRow(pointer, v.fingerprint(), r.runId(), end(r)));
            }
          }
        }
        rows.sort(
            Comparator.comparing(LineageSnapshot.ProducerRow::end)
                .thenComparing(LineageSnapshot.ProducerRow::runId)
                .reversed());
        producers.addAll(rows.subList(0, Math.min(rows.size(), producersPerPointer)));
      }
      List<LineageSnapshot.ConsumerRow> consumers = new ArrayList<>();
      for (String pointer : writtenPointers) {
        for (RunEvent r : index.runs) {
          Instant start = EventTimes.ofEpochMicros(r.startEpochMicros());
          if (start.isBefore(consumersStartedAtOrAfter)) {
            continue;
          }
          for (CapturedValue v : r.inputs()) {
            if (v.isPointer() && pointer.equals(v.text())) {
              String linked = index.links.get(r.runId() + "|" + pointer);
              Instant linkedEnd =
                  linked == null
                      ? null
                      : index.runs.stream()
                          .filter(p -> p.runId().equals(linked))
                          .findFirst()
                          .map(SnapshotStore::end)
                          .orElseThrow();
              consumers.add(
                  new LineageSnapshot.ConsumerRow(
                      pointer, v.fingerprint(), r.runId(), start, linked, linkedEnd));
            }
          }
        }
      }
      return new LineageSnapshot(producers, consumers, producersPerPointer);
    }

    @Override
    public Optional<LineageIndex.Producer> latestProducer(
        String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId) {
      fallbacks++;
      return index.latestProducer(pointerId, fingerprint, endedAtOrBefore, excludedRunId);
    }

    private static Instant end(RunEvent r) {
      return EventTimes.ofEpochMicros(r.endEpochMicros());
    }
  }
}
