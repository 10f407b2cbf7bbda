package org.mltrace.encoders.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The files a Spark (analyzed) logical plan reads: the root paths of its file relations, found by
 * walking the plan's nodes. Reads only what the plan already holds (no analysis, no planning, no
 * job).
 *
 * <p>Recognized, by method names rather than classes:
 *
 * <ul>
 *   <li>{@code LogicalRelation(relation = HadoopFsRelation)}: {@code
 *       relation().location().rootPaths()} (CSV, Parquet, JSON, ORC, text read through the V1 file
 *       sources, Spark's default);
 *   <li>{@code DataSourceV2Relation(table = FileTable)}: {@code table().fileIndex().rootPaths()};
 *   <li>{@code HiveTableRelation}-like nodes with {@code tableMeta().location()}.
 * </ul>
 */
final class PlanSources {
  /** Plans of real pipelines have tens to hundreds of nodes; this stops a pathological one. */
  static final int MAX_NODES = 10_000;

  private PlanSources() {}

  /** The source URIs, in plan order (depth first), each once. */
  static Set<String> of(Object plan) throws ReflectiveOperationException {
    Set<String> sources = new LinkedHashSet<>();
    Deque<Object> pending = new ArrayDeque<>();
    pending.push(plan);
    int visited = 0;
    while (!pending.isEmpty() && visited++ < MAX_NODES) {
      Object node = pending.pop();
      if (node == null) {
        continue;
      }
      addRootPaths(
          Reflect.call(Reflect.call(Reflect.call(node, "relation"), "location"), "rootPaths"),
          sources);
      addRootPaths(
          Reflect.call(Reflect.call(Reflect.call(node, "table"), "fileIndex"), "rootPaths"),
          sources);
      Object tableMeta = Reflect.call(node, "tableMeta");
      if (tableMeta != null) {
        addLocation(Reflect.call(tableMeta, "location"), sources);
      }
      Object[] children = Reflect.elements(Reflect.call(node, "children")).toArray();
      for (int i = children.length - 1; i >= 0; i--) {
        pending.push(children[i]); // depth first, left to right
      }
    }
    return sources;
  }

  private static void addRootPaths(Object paths, Set<String> sources)
      throws ReflectiveOperationException {
    if (paths != null) {
      for (Object p : Reflect.elements(paths)) {
        addLocation(p, sources);
      }
    }
  }

  /**
   * A Hadoop {@code Path} by its {@code toUri()} (escaped, so a space stays a valid URI), a {@code
   * java.net.URI} or anything else by its text.
   */
  private static void addLocation(Object location, Set<String> sources)
      throws ReflectiveOperationException {
    if (location == null) {
      return;
    }
    Object uri = location instanceof java.net.URI ? location : Reflect.call(location, "toUri");
    String text = String.valueOf(uri != null ? uri : location);
    if (!text.isEmpty()) {
      sources.add(text);
    }
  }
}
