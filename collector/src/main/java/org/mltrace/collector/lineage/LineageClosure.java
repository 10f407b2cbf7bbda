package org.mltrace.collector.lineage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mltrace.collector.Progress;

/**
 * The runs reachable from a set of runs along dependencies, one direction at a time, breadth first:
 * upstream (the runs they depend on, transitively: a trace as a set) or downstream (the runs that
 * depend on them: what to rebuild). Each step asks the source for the edges of a whole frontier at
 * once, and a run is visited once, so cycles (a component reading its own output, clock skew)
 * cannot loop.
 */
public final class LineageClosure {

  /** The dependencies touching any of {@code runIds} on the side the walk looks at. */
  @FunctionalInterface
  public interface EdgeSource {
    List<Dependency> edges(Collection<String> runIds);
  }

  private final EdgeSource source;
  private final Function<Dependency, String> next;

  private LineageClosure(EdgeSource source, Function<Dependency, String> next) {
    this.source = source;
    this.next = next;
  }

  /** Follows edges from consumers to producers; {@code source} returns edges by consumer. */
  public static LineageClosure upstream(EdgeSource byConsumer) {
    return new LineageClosure(byConsumer, Dependency::dependsOnRunId);
  }

  /** Follows edges from producers to consumers; {@code source} returns edges by producer. */
  public static LineageClosure downstream(EdgeSource byProducer) {
    return new LineageClosure(byProducer, Dependency::runId);
  }

  /**
   * Every run within {@code maxDepth} steps of the roots, with its distance (roots are 0), in
   * breadth-first order; {@code maxDepth} below 0 means no limit.
   */
  public Map<String, Integer> reach(Collection<String> roots, int maxDepth) {
    return reach(roots, maxDepth, Integer.MAX_VALUE, Progress.NONE);
  }

  /** {@link #reach(Collection, int)}, telling {@code progress} the runs each level adds. */
  public Map<String, Integer> reach(Collection<String> roots, int maxDepth, Progress progress) {
    return reach(roots, maxDepth, Integer.MAX_VALUE, progress);
  }

  /**
   * As {@link #reach(Collection, int, Progress)}, but stops once more than {@code maxRuns} runs are
   * reached (the nearest ones, as the walk is breadth first), so a caller that draws at most {@code
   * maxRuns} does not pay for a closure of thousands; a map larger than {@code maxRuns} says there
   * was more.
   */
  public Map<String, Integer> reach(
      Collection<String> roots, int maxDepth, int maxRuns, Progress progress) {
    Map<String, Integer> depth = new LinkedHashMap<>();
    List<String> frontier = new ArrayList<>();
    for (String r : roots) {
      if (depth.putIfAbsent(r, 0) == null) {
        frontier.add(r);
      }
    }
    int level = 0;
    while (!frontier.isEmpty() && (maxDepth < 0 || level < maxDepth)) {
      level++;
      List<String> nextFrontier = new ArrayList<>();
      for (Dependency d : source.edges(frontier)) {
        String run = next.apply(d);
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
