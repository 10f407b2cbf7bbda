package org.mltrace.collector.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.lineage.UpstreamWalker;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.RunRepository;
import org.mltrace.collector.store.RunRow;

/**
 * The upstream edges and run rows a trace needs, read breadth first one level at a time with one
 * batch of statements per level, before {@link UpstreamWalker} builds the tree from memory. Asking
 * the database run by run cost about four statements per tree line (6 s for a 500-line trace on a
 * 200,000-run H2 history). Edges to producers outside {@link TraceLimits}' start window are left
 * out here, so the walker never sees them.
 */
final class TraceSource implements UpstreamWalker.UpstreamSource {
  private final RunRepository repository;
  private final JdbcGraphStore graph;
  private final TraceLimits limits;
  private final Map<String, List<Dependency>> edges = new HashMap<>();
  private final Map<String, RunRow> rows = new HashMap<>();

  private TraceSource(RunRepository repository, JdbcGraphStore graph, TraceLimits limits) {
    this.repository = repository;
    this.graph = graph;
    this.limits = limits;
  }

  /**
   * Reads the upstream of {@code root} up to {@code limits}' depth (one level beyond, so the walker
   * knows where it cut) or until {@code maxRuns} runs are known; anything the walker asks beyond
   * that is read when asked.
   */
  static TraceSource load(
      RunRepository repository,
      JdbcGraphStore graph,
      String root,
      TraceLimits limits,
      int maxRuns) {
    TraceSource source = new TraceSource(repository, graph, limits);
    source.readRows(List.of(root));
    List<String> frontier = List.of(root);
    for (int level = 0;
        !frontier.isEmpty()
            && source.rows.size() < maxRuns
            && (limits.depth() < 0 || level <= limits.depth());
        level++) {
      frontier = source.expand(frontier);
    }
    return source;
  }

  @Override
  public List<Dependency> upstreamOf(String runId) {
    if (!edges.containsKey(runId)) {
      expand(List.of(runId));
    }
    return edges.get(runId);
  }

  /** The row of a run this source has met (the root or a producer), or null. */
  RunRow row(String runId) {
    return rows.get(runId);
  }

  /** Reads the edges of {@code runIds}; returns the producers met for the first time. */
  private List<String> expand(List<String> runIds) {
    Map<String, List<Dependency>> upstream = repository.upstreamOf(runIds);
    Set<String> producers = new LinkedHashSet<>();
    upstream.values().forEach(deps -> deps.forEach(d -> producers.add(d.dependsOnRunId())));
    List<String> fresh = producers.stream().filter(id -> !rows.containsKey(id)).toList();
    readRows(fresh);
    for (String id : runIds) {
      List<Dependency> kept = new ArrayList<>();
      for (Dependency d : upstream.getOrDefault(id, List.of())) {
        RunRow producer = rows.get(d.dependsOnRunId());
        if (producer != null && inWindow(producer.startTime())) {
          kept.add(d);
        }
      }
      edges.put(id, List.copyOf(kept));
    }
    return fresh.stream()
        .filter(id -> rows.containsKey(id) && inWindow(rows.get(id).startTime()))
        .filter(id -> !edges.containsKey(id))
        .toList();
  }

  private void readRows(Collection<String> runIds) {
    if (!runIds.isEmpty()) {
      graph.runs(runIds).forEach(r -> rows.put(r.id(), r));
    }
  }

  private boolean inWindow(Instant start) {
    return limits.includes(start);
  }
}
