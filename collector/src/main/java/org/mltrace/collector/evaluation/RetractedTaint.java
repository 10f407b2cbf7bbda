package org.mltrace.collector.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.JdbcLabelStore;
import org.mltrace.collector.store.RunSnapshotReader;
import org.mltrace.collector.trigger.RetractedRead;

/**
 * The retracted data each run of a batch derives from, for {@code retracted_input}, computed from
 * its direct dependencies' answers rather than by walking its whole upstream.
 *
 * <p>Design note. Once a label is retracted the trigger runs on every run ({@link
 * DefaultTriggers}), and a run's answer is the retracted pointers read by it or anywhere upstream.
 * Walking the upstream of each run ({@link RetractedReads#of}) costs the depth of the history: a
 * job reading yesterday's output has a chain as long as its history, and 3,000 chained runs took 88
 * s to evaluate. But the answer of a run is its own direct reads plus the answers of the runs it
 * depends on, and those were stored earlier, most of them evaluated a batch or two ago. So the
 * engine keeps the answers of recent runs ({@value #CAPACITY}, least recently used out), computes a
 * batch's runs from their direct reads and their dependencies' answers (a dependency in the same
 * batch first), and walks the upstream only of a dependency it has no answer for (then keeps that
 * too). Everything is forgotten when the labels change (one query per batch says so). A link taken
 * over later by a late producer is not seen by answers kept before it; {@code stale} and {@code
 * trace}, which recompute at query time, are.
 */
final class RetractedTaint {
  static final int CAPACITY = 100_000;
  private static final Comparator<RetractedRead> ORDER =
      Comparator.comparing(RetractedRead::label).thenComparing(RetractedRead::pointer);

  private final Map<String, List<RetractedRead>> known =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RetractedRead>> eldest) {
          return size() > CAPACITY;
        }
      };

  private String labelState;
  private long walks;

  /** The retracted reads of each of {@code runIds} (all stored), sorted by label and pointer. */
  synchronized Map<String, List<RetractedRead>> of(RunSnapshotReader reader, List<String> runIds) {
    JdbcLabelStore labels = new JdbcLabelStore(reader.database());
    String state = labels.labelState();
    if (!state.equals(labelState)) {
      known.clear();
      labelState = state;
    }
    Map<String, List<RetractedRead>> direct = new HashMap<>();
    for (JdbcLabelStore.RetractedReadRow r : labels.retractedReadsOf(runIds)) {
      direct
          .computeIfAbsent(r.runId(), k -> new ArrayList<>())
          .add(new RetractedRead(r.label(), r.pointer(), r.retractedAt()));
    }
    Map<String, List<String>> deps = new HashMap<>();
    for (Dependency d : new JdbcGraphStore(reader.database()).upstreamOf(runIds)) {
      deps.computeIfAbsent(d.runId(), k -> new ArrayList<>()).add(d.dependsOnRunId());
    }
    Batch batch = new Batch(reader, direct, deps);
    Map<String, List<RetractedRead>> out = new HashMap<>();
    for (String id : runIds) {
      out.put(id, batch.readsOf(id, Set.copyOf(runIds)));
    }
    return out;
  }

  /** Upstream walks made for dependencies without a kept answer (for tests). */
  synchronized long walks() {
    return walks;
  }

  private final class Batch {
    private final RunSnapshotReader reader;
    private final Map<String, List<RetractedRead>> direct;
    private final Map<String, List<String>> deps;
    private final Set<String> visiting = new java.util.HashSet<>();

    Batch(
        RunSnapshotReader reader,
        Map<String, List<RetractedRead>> direct,
        Map<String, List<String>> deps) {
      this.reader = reader;
      this.direct = direct;
      this.deps = deps;
    }

    /** Recursion only through the batch's own runs: at most its size deep. */
    List<RetractedRead> readsOf(String runId, Set<String> inBatch) {
      List<RetractedRead> kept = known.get(runId);
      if (kept != null) {
        return kept;
      }
      List<RetractedRead> reads;
      if (inBatch.contains(runId)) {
        if (!visiting.add(runId)) {
          return List
              .of(); // a cycle, which lineage never makes: the walk below would not loop either
        }
        TreeSet<RetractedRead> union = new TreeSet<>(ORDER);
        union.addAll(direct.getOrDefault(runId, List.of()));
        for (String dep : deps.getOrDefault(runId, List.of())) {
          union.addAll(readsOf(dep, inBatch));
        }
        visiting.remove(runId);
        reads = union.isEmpty() ? List.of() : List.copyOf(union);
      } else {
        walks++;
        reads = RetractedReads.of(reader, runId);
      }
      known.put(runId, reads);
      return reads;
    }
  }
}
