package org.mltrace.collector.lineage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.Progress;

/**
 * The runs reachable from a set of runs along dependencies, one direction at a time, breadth first:
 * upstream (the runs they depend on, transitively: a trace as a set) or downstream (the runs that
 * depend on them: what to rebuild). Each step asks the source for the edges of a whole frontier at
 * once, and a run is visited once, so cycles (a component reading its own output, clock skew)
 * cannot loop.
 *
 * <p>Runs are named by {@code N}: their text ids for walks over {@link Dependency} rows, or their
 * keys ({@code component_runs.run_key}, V048) for a walk that reads the link table's keys and names
 * the runs it reached once at the end ({@code impact}).
 */
public final class LineageClosure<N> {

  /** The dependencies touching any of {@code runIds} on the side the walk looks at. */
  @FunctionalInterface
  public interface EdgeSource {
    List<Dependency> edges(Collection<String> runIds);
  }

  /** The runs one step from any of {@code runs} in the walk's direction; repeats are allowed. */
  @FunctionalInterface
  public interface Step<N> {
    List<N> next(Collection<N> runs);
  }

  private final Step<N> step;

  private LineageClosure(Step<N> step) {
    this.step = step;
  }

  /** Follows edges from consumers to producers; {@code source} returns edges by consumer. */
  public static LineageClosure<String> upstream(EdgeSource byConsumer) {
    return new LineageClosure<>(
        runs -> byConsumer.edges(runs).stream().map(Dependency::dependsOnRunId).toList());
  }

  /** Follows edges from producers to consumers; {@code source} returns edges by producer. */
  public static LineageClosure<String> downstream(EdgeSource byProducer) {
    return new LineageClosure<>(
        runs -> byProducer.edges(runs).stream().map(Dependency::runId).toList());
  }

  /** Follows {@code step}, which gives the next runs (either direction) of a frontier. */
  public static <N> LineageClosure<N> along(Step<N> step) {
    return new LineageClosure<>(step);
  }

  /**
   * Every run within {@code maxDepth} steps of the roots, with its distance (roots are 0), in
   * breadth-first order; {@code maxDepth} below 0 means no limit.
   */
  public Map<N, Integer> reach(Collection<N> roots, int maxDepth) {
    return reach(roots, maxDepth, Integer.MAX_VALUE, Progress.NONE);
  }

  /** {@link #reach(Collection, int)}, telling {@code progress} the runs each level adds. */
  public Map<N, Integer> reach(Collection<N> roots, int maxDepth, Progress progress) {
    return reach(roots, maxDepth, Integer.MAX_VALUE, progress);
  }

  /**
   * As {@link #reach(Collection, int, Progress)}, but stops once more than {@code maxRuns} runs are
   * reached (the nearest ones, as the walk is breadth first), so a caller that draws at most {@code
   * maxRuns} does not pay for a closure of thousands; a map larger than {@code maxRuns} says there
   * was more.
   */
  public Map<N, Integer> reach(Collection<N> roots, int maxDepth, int maxRuns, Progress progress) {
    Map<N, Integer> depth = new LinkedHashMap<>();
    List<N> frontier = new ArrayList<>();
    for (N r : roots) {
      if (depth.putIfAbsent(r, 0) == null) {
        frontier.add(r);
      }
    }
    int level = 0;
    while (!frontier.isEmpty() && (maxDepth < 0 || level < maxDepth)) {
      level++;
      List<N> nextFrontier = new ArrayList<>();
      for (N run : step.next(frontier)) {
        if (depth.putIfAbsent(run, level) == null) {
          nextFrontier.add(run);
          if (depth.size() > maxRuns) {
            return depth;
          }
        }
      }
      frontier = nextFrontier;
      progress.advance(nextFrontier.size());
    }
    return depth;
  }
}
