package org.mltrace.collector.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.collector.query.BrowseQuery;
import org.mltrace.collector.query.RunMarks;

/**
 * A lineage as the graph the trace page draws: each run once, with its marks, and the dependencies
 * among them as edges from producer to consumer. The page lays it out (producers to the left).
 */
final class TraceGraph {
  private final Map<String, ObjectNode> nodes = new LinkedHashMap<>();
  private boolean truncated;

  /** Adds a run once; later calls with the same id change nothing. */
  void add(String id, String component, String status, Instant start) {
    nodes.computeIfAbsent(
        id,
        k ->
            UiJson.object()
                .put("id", id)
                .put("component", component)
                .put("status", status)
                .put("startTime", UiJson.time(start)));
  }

  int size() {
    return nodes.size();
  }

  void truncated(boolean value) {
    truncated |= value;
  }

  /**
   * Drops the runs that no path of dependencies among the graph's runs leads to from {@code
   * starts}, the runs a forward view begins with.
   */
  void keepReachableFrom(Set<String> starts, BrowseQuery browse) {
    Map<String, List<String>> consumers = new HashMap<>();
    for (String[] e : browse.edgesAmong(nodes.keySet())) {
      consumers.computeIfAbsent(e[1], k -> new ArrayList<>()).add(e[0]);
    }
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (String s : starts) {
      if (nodes.containsKey(s) && reached.add(s)) {
        todo.add(s);
      }
    }
    while (!todo.isEmpty()) {
      for (String next : consumers.getOrDefault(todo.poll(), List.of())) {
        if (reached.add(next)) {
          todo.add(next);
        }
      }
    }
    nodes.keySet().retainAll(reached);
  }

  /** The graph's JSON: {@code {nodes: [...], edges: [{from, to, pointer}], truncated}}. */
  ObjectNode toJson(BrowseQuery browse, Set<String> staleRuns, String root) {
    Map<String, RunMarks> marks = browse.marks(nodes.keySet());
    ObjectNode o = UiJson.object();
    ArrayNode nodeArray = o.putArray("nodes");
    for (ObjectNode n : nodes.values()) {
      String id = n.get("id").asText();
      UiJson.putMarks(n, marks.getOrDefault(id, RunMarks.NONE), staleRuns.contains(id));
      n.put("root", id.equals(root));
      nodeArray.add(n);
    }
    ArrayNode edges = o.putArray("edges");
    for (String[] e : browse.edgesAmong(nodes.keySet())) {
      edges.addObject().put("from", e[1]).put("to", e[0]).put("pointer", e[2]);
    }
    o.put("truncated", truncated);
    return o;
  }
}
