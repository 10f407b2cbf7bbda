package org.mltrace.collector.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mltrace.collector.Progress;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.PointerRow;

/**
 * {@code impact ID}, the forward trace: every run derived from a pointer (the runs that read it,
 * and transitively every run that depends on those) or from a run (the runs that depend on it), and
 * every output they wrote. A pointer's readers count whatever version of it they read, so the set
 * errs on the side of rebuilding too much, never too little (the paper's case: a client's data must
 * be erased everywhere it went).
 */
public final class ImpactQuery {
  private final QueryService queries;
  private final JdbcGraphStore graph;

  public ImpactQuery(QueryService queries) {
    this.queries = queries;
    this.graph = new JdbcGraphStore(queries.database());
  }

  /**
   * @throws NotFoundException if {@code id} is neither a run nor a pointer
   */
  public ImpactResult impact(String id) {
    return impact(id, Progress.NONE);
  }

  /**
   * {@link #impact(String)}, telling {@code progress} the runs reached as the walk goes (their
   * total is unknown until it ends).
   *
   * @throws NotFoundException if {@code id} is neither a run nor a pointer
   */
  public ImpactResult impact(String id, Progress progress) {
    progress.start("impact", "runs reached", -1);
    try {
      return walk(id, -1, Integer.MAX_VALUE, progress);
    } finally {
      progress.finish();
    }
  }

  /**
   * What was derived within {@code maxDepth} steps (below 0: no limit), reading only the nearest
   * runs once more than {@code maxRuns} are reached (breadth first; more than {@code maxRuns} in
   * the answer say there were more), for a view that draws at most that many.
   *
   * @throws NotFoundException if {@code id} is neither a run nor a pointer
   */
  public ImpactResult impact(String id, int maxDepth, int maxRuns) {
    return walk(id, maxDepth, maxRuns, Progress.NONE);
  }

  private ImpactResult walk(String id, int maxDepth, int maxRuns, Progress progress) {
    // by run key: a step reads the link table's keys and no row of a run or pointer, and the runs
    // reached are named once, in result()
    LineageClosure<Long> downstream = LineageClosure.along(graph::dependentKeysOf);
    Optional<Long> run = graph.runKey(id);
    if (run.isPresent()) {
      Map<Long, Integer> reached =
          downstream.reach(List.of(run.get()), maxDepth, maxRuns, progress);
      return result(id, true, reached);
    }
    Optional<PointerRow> pointer = queries.findPointer(id);
    if (pointer.isEmpty()) {
      throw new NotFoundException(
          "no run or output with id '" + id + "' (try 'mltrace recent' to list runs)");
    }
    String identifier = pointer.get().identifier();
    List<Long> readers = graph.readerKeysOf(identifier);
    if (maxDepth == 0) {
      return result(identifier, false, Map.of());
    }
    progress.advance(readers.size());
    Map<Long, Integer> reached =
        downstream.reach(readers, maxDepth < 0 ? -1 : maxDepth - 1, maxRuns, progress);
    reached.replaceAll((r, depth) -> depth + 1); // the readers are one step from the pointer
    return result(identifier, false, reached);
  }

  private ImpactResult result(String root, boolean rootIsRun, Map<Long, Integer> reached) {
    List<ImpactResult.Run> runs = new ArrayList<>();
    Map<String, TreeSet<String>> writers = new TreeMap<>();
    Map<String, String> types = new TreeMap<>();
    for (JdbcGraphStore.RunWithOutputs r : graph.runsWithOutputs(reached.keySet())) {
      if (!r.run().id().equals(root)) {
        runs.add(new ImpactResult.Run(r.run(), reached.get(r.key())));
      }
      for (JdbcGraphStore.OutputRow o : r.outputs()) {
        writers.computeIfAbsent(o.pointer(), k -> new TreeSet<>()).add(o.runId());
        types.putIfAbsent(o.pointer(), o.pointerType());
      }
    }
    runs.sort(
        Comparator.comparing((ImpactResult.Run r) -> r.run().startTime())
            .thenComparing(r -> r.run().id()));
    List<ImpactResult.Output> outputs = new ArrayList<>();
    writers.forEach(
        (p, w) -> outputs.add(new ImpactResult.Output(p, types.get(p), List.copyOf(w))));
    return new ImpactResult(root, rootIsRun, List.copyOf(runs), List.copyOf(outputs));
  }
}
