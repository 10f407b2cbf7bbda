package org.mltrace.collector.lineage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the upstream tree of a run: its producers, their producers, and so on, depth first in
 * input order, as the MLTRACE paper's trace prints it.
 *
 * <p>The graph is a DAG in practice (a producer ends before its consumer starts), but shared inputs
 * make the same run reachable along several paths. The tree repeats such a run once per path, and
 * never twice on one path, so even a cycle (clock skew between hosts) terminates. To keep a wide,
 * deep DAG from exploding into a huge tree, the walk stops adding nodes after {@code maxNodes} and
 * marks the nodes whose upstream it cut with {@link Node#truncated()}.
 */
public final class UpstreamWalker {

  /** Where the walker finds the dependencies of one run, in the order of its inputs. */
  @FunctionalInterface
  public interface UpstreamSource {
    List<Dependency> upstreamOf(String runId);
  }

  /**
   * One run in the tree.
   *
   * @param runId the run
   * @param via the pointers through which the run below this one (its consumer) read this run's
   *     outputs; empty for the root
   * @param upstream the runs this one depends on, in input order
   * @param truncated true when some of this run's upstream was left out to respect the node limit
   */
  public record Node(String runId, List<String> via, List<Node> upstream, boolean truncated) {}

  private final UpstreamSource source;
  private final int maxNodes;
  private final int maxDepth;
  private int nodes;

  /**
   * A walker bounded by {@code maxNodes} runs and by {@code maxDepth} producers above the root
   * (below 0: no limit); a run at that depth with producers of its own is marked {@link
   * Node#truncated()}.
   */
  public UpstreamWalker(UpstreamSource source, int maxNodes, int maxDepth) {
    this.source = source;
    this.maxNodes = maxNodes;
    this.maxDepth = maxDepth;
  }

  /** The tree rooted at {@code runId}; the root appears even if it has no dependencies. */
  public Node walk(String runId) {
    nodes = 1;
    return walk(runId, List.of(), new HashSet<>(), 0);
  }

  private Node walk(String runId, List<String> via, Set<String> path, int depth) {
    if (maxDepth >= 0 && depth >= maxDepth) {
      return new Node(runId, via, List.of(), !source.upstreamOf(runId).isEmpty());
    }
    path.add(runId);
    Map<String, List<String>> byProducer = new LinkedHashMap<>();
    for (Dependency d : source.upstreamOf(runId)) {
      byProducer.computeIfAbsent(d.dependsOnRunId(), k -> new ArrayList<>()).add(d.pointerId());
    }
    List<Node> upstream = new ArrayList<>();
    boolean truncated = false;
    for (Map.Entry<String, List<String>> e : byProducer.entrySet()) {
      if (path.contains(e.getKey())) {
        continue; // a cycle: this run is already on the path from the root
      }
      if (nodes >= maxNodes) {
        truncated = true;
        break;
      }
      nodes++;
      upstream.add(walk(e.getKey(), List.copyOf(e.getValue()), path, depth + 1));
    }
    path.remove(runId);
    return new Node(runId, via, List.copyOf(upstream), truncated);
  }
}
