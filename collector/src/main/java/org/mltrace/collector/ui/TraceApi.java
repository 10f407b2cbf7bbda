package org.mltrace.collector.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.collector.query.BrowseQuery;
import org.mltrace.collector.query.ImpactQuery;
import org.mltrace.collector.query.ImpactResult;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.RunGraph;
import org.mltrace.collector.query.TraceLimits;

/**
 * {@code GET trace}: the lineage of an output or run, upstream or forward (impact), within the CLI
 * trace's limits, as the graph the page draws (docs/api.md).
 */
final class TraceApi {
  /**
   * As the CLI's trace: a graph stops growing here (marked truncated), so a huge lineage stays
   * drawable; forward, the nearest levels are kept.
   */
  static final int MAX_GRAPH_RUNS = 2_000;

  private final QueryService queries;

  TraceApi(QueryService queries) {
    this.queries = queries;
  }

  ObjectNode trace(String id, String direction, TraceLimits limits, Instant now) {
    TraceGraph graph = new TraceGraph();
    ObjectNode head = UiJson.object().put("id", id).put("direction", direction);
    head.put("depth", limits.depth() < 0 ? null : limits.depth());
    head.put("since", UiJson.time(limits.since())).put("until", UiJson.time(limits.until()));
    String root = null;
    if (direction.equals("upstream")) {
      RunGraph lineage = new BrowseQuery(queries).upstream(id, limits, MAX_GRAPH_RUNS);
      if (lineage.pointer() != null) {
        head.put("pointer", lineage.pointer()).put("flagged", lineage.pointerFlagged());
      }
      root = lineage.rootRun();
      lineage.runs().forEach(r -> graph.add(r.id(), r.component(), r.status(), r.startTime()));
      graph.truncated(lineage.truncated());
    } else {
      ImpactResult impact = new ImpactQuery(queries).impact(id, limits.depth(), MAX_GRAPH_RUNS);
      if (impact.rootIsRun()) {
        var r = queries.inspect(impact.root()).run().row();
        graph.add(r.id(), r.component(), r.status(), r.startTime());
        root = r.id();
      } else {
        head.put("pointer", impact.root());
      }
      Set<String> readers = new HashSet<>(); // the derived runs one step from the root
      List<ImpactResult.Run> nearestFirst = new ArrayList<>(impact.runs());
      nearestFirst.sort(Comparator.comparingInt(ImpactResult.Run::depth));
      for (ImpactResult.Run r : nearestFirst) {
        if (graph.size() >= MAX_GRAPH_RUNS) {
          graph.truncated(true);
          break;
        }
        if (limits.includes(r.run().startTime())) {
          graph.add(r.run().id(), r.run().component(), r.run().status(), r.run().startTime());
          if (r.depth() == 1) {
            readers.add(r.run().id());
          }
        }
      }
      if (limits.since() != null || limits.until() != null) {
        // As upstream: a run left out of the window cuts what was derived only through it.
        graph.keepReachableFrom(root != null ? Set.of(root) : readers, new BrowseQuery(queries));
      }
    }
    Set<String> stale = new HashSet<>();
    queries.staleRuns(now).forEach(s -> stale.add(s.runId()));
    head.put("rootRun", root);
    head.setAll(graph.toJson(new BrowseQuery(queries), stale, root));
    return head;
  }
}
