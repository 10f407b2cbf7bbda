package org.mltrace.collector.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mltrace.collector.store.RunSnapshotReader;
import org.mltrace.collector.store.TriggerDeclaration;
import org.mltrace.collector.trigger.RetractedRead;
import org.mltrace.collector.trigger.RunSnapshot;

/**
 * What the evaluations of one batch of pending runs read, materialized once: the runs themselves
 * and, per component, the latest runs before them ({@link RunSnapshotReader#history}, one query per
 * component per batch, not per run). Pinned runs and other components' runs are read on demand and
 * kept for the rest of the batch; workers call those concurrently.
 */
final class BatchHistory {
  /** The history depth when no declaration asks for more with {@code last:N}. */
  static final int DEFAULT_DEPTH = 20;

  private final RunSnapshotReader reader;
  private final Map<String, RunSnapshot> runs = new HashMap<>();
  private final Map<String, List<RunSnapshot>> historyByComponent = new HashMap<>();
  private final Map<String, Integer> depthByComponent = new HashMap<>();
  private final Map<String, Optional<RunSnapshot>> pinned = new ConcurrentHashMap<>();
  private final Map<String, List<RunSnapshot>> others = new ConcurrentHashMap<>();
  private final Map<String, List<RetractedRead>> retracted = new ConcurrentHashMap<>();
  private volatile Boolean anyRetraction;

  private BatchHistory(RunSnapshotReader reader) {
    this.reader = reader;
  }

  /**
   * Reads the batch's runs and each of their components' history, as deep as the component's
   * deepest {@code reference: last:N} asks (at least {@link #DEFAULT_DEPTH}).
   */
  static BatchHistory materialize(
      RunSnapshotReader reader,
      Collection<String> runIds,
      Map<String, List<TriggerDeclaration>> declarations) {
    BatchHistory batch = new BatchHistory(reader);
    Map<String, Instant[]> windows = new HashMap<>();
    for (RunSnapshot r : reader.runs(runIds)) {
      batch.runs.put(r.id(), r);
      Instant[] w =
          windows.computeIfAbsent(r.component(), k -> new Instant[] {r.start(), r.start()});
      if (r.start().isBefore(w[0])) {
        w[0] = r.start();
      }
      if (r.start().isAfter(w[1])) {
        w[1] = r.start();
      }
    }
    for (Map.Entry<String, Instant[]> w : windows.entrySet()) {
      int depth = depth(declarations.getOrDefault(w.getKey(), List.of()));
      batch.depthByComponent.put(w.getKey(), depth);
      batch.historyByComponent.put(
          w.getKey(), reader.history(w.getKey(), w.getValue()[0], w.getValue()[1], depth));
    }
    return batch;
  }

  /** The deepest {@code last:N} among the declarations' references, at least the default. */
  static int depth(List<TriggerDeclaration> declarations) {
    int depth = DEFAULT_DEPTH;
    for (TriggerDeclaration d : declarations) {
      String reference = d.args().get("reference");
      if (reference != null && reference.strip().startsWith("last:")) {
        try {
          depth = Math.max(depth, Integer.parseInt(reference.strip().substring(5).strip()));
        } catch (NumberFormatException e) {
          // the trigger's own validation reports it
        }
      }
    }
    return depth;
  }

  /** A run of the batch, or null when it vanished (compacted) between the two reads. */
  RunSnapshot run(String runId) {
    return runs.get(runId);
  }

  /**
   * The component's runs that ended before {@code run} started, newest first, at most its depth.
   */
  List<RunSnapshot> historyOf(RunSnapshot run) {
    int depth = depthByComponent.getOrDefault(run.component(), DEFAULT_DEPTH);
    List<RunSnapshot> before = new ArrayList<>(depth);
    for (RunSnapshot r : historyByComponent.getOrDefault(run.component(), List.of())) {
      if (before.size() == depth) {
        break;
      }
      if (r.end().isBefore(run.start())) {
        before.add(r);
      }
    }
    return before;
  }

  /**
   * The retracted labels' pointers read by the run or upstream of it, computed on first ask for the
   * run; nothing is walked while no label is retracted (one query per batch says so).
   */
  List<RetractedRead> retractedReads(String runId) {
    List<RetractedRead> given = retracted.get(runId);
    if (given != null) {
      return given;
    }
    if (anyRetraction == null) {
      anyRetraction = RetractedReads.anyRetraction(reader);
    }
    if (!anyRetraction) {
      return List.of();
    }
    return retracted.computeIfAbsent(runId, id -> RetractedReads.of(reader, id));
  }

  /** The batch's runs' retracted reads, worked out beforehand ({@link RetractedTaint}). */
  void retractedReads(Map<String, List<RetractedRead>> reads) {
    retracted.putAll(reads);
  }

  Optional<RunSnapshot> runById(String runId) {
    RunSnapshot inBatch = runs.get(runId);
    if (inBatch != null) {
      return Optional.of(inBatch);
    }
    return pinned.computeIfAbsent(
        runId,
        id -> EvaluationPool.uninterruptibly(() -> reader.runs(List.of(id)).stream().findFirst()));
  }

  List<RunSnapshot> latestRunsOf(String component, Instant before, int limit) {
    return others.computeIfAbsent(
        component + '\n' + before + '\n' + limit,
        k ->
            EvaluationPool.uninterruptibly(
                () -> List.copyOf(reader.endedBefore(component, before, limit))));
  }
}
