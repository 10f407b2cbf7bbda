package org.mltrace.collector.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.store.AnyOf;
import org.mltrace.collector.store.JdbcAlertStore;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.RunRow;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.TriggerStore;
import org.mltrace.collector.store.ValueRow;

/**
 * The reads the web UI needs beyond the CLI's: a component's history a page at a time with its
 * numeric outputs, stored trigger results, the marks of a set of runs (failed triggers, flagged
 * outputs) and the dependencies among them. Lists of run ids are bound as one array ({@link
 * AnyOf}), a statement per 1,000 runs, so a 2,000-run trace costs a handful of statements.
 *
 * @throws StoreException (from every method) when the database fails
 */
public final class BrowseQuery {
  private final QueryService queries;

  public BrowseQuery(QueryService queries) {
    this.queries = queries;
  }

  /**
   * Runs {@code offset .. offset+limit-1} of the component, newest first.
   *
   * @throws InvalidRequestException if limit is not 1..1000 or offset is negative
   * @throws NotFoundException if no component has this name
   */
  public HistoryPage history(String component, int offset, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit must be between 1 and 1000, got " + limit);
    }
    if (offset < 0) {
      throw new InvalidRequestException("offset must not be negative, got " + offset);
    }
    if (queries.repository().findComponent(component).isEmpty()) {
      throw new NotFoundException("no component named '" + component + "'");
    }
    JdbcGraphStore graph = new JdbcGraphStore(queries.database());
    long total = graph.runCount(component);
    List<RunRow> runs = graph.runPage(component, offset, limit);
    // The page's numeric outputs, from its runs' value arrays by key (the run_outputs view,
    // filtered by run, made H2 expand every run's values: 57 s for a page of 50 among 10,000).
    Map<String, Map<String, Double>> metrics = new HashMap<>();
    Map<String, List<ValueRow>> outputs =
        queries.repository().values(runs.stream().map(RunRow::id).toList()).outputs();
    for (Map.Entry<String, List<ValueRow>> e : outputs.entrySet()) {
      for (ValueRow v : e.getValue()) {
        Double n =
            "DOUBLE".equals(v.valueKind()) || "LONG".equals(v.valueKind())
                ? number(v.valueText())
                : null;
        if (n != null) {
          metrics.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(v.name(), n);
        }
      }
    }
    return new HistoryPage(component, offset, limit, total, runs, metrics);
  }

  /**
   * The upstream lineage of a run, or of an output's latest producer, breadth first, within {@code
   * limits} as {@code trace} applies them (at most {@code depth} levels; only producers started in
   * [since, until), whose own producers are then not followed), at most {@code maxRuns} runs. One
   * statement per level (per 1,000 runs of it) and per 1,000 runs read, where {@link
   * QueryService#trace} reads each run with its values.
   *
   * @throws NotFoundException if {@code id} is neither a run nor a recorded output
   */
  public RunGraph upstream(String id, TraceLimits limits, int maxRuns) {
    String pointer = null;
    boolean flagged = false;
    String root;
    if (queries.repository().findRun(id).isPresent()) {
      root = id;
    } else {
      var row =
          queries
              .findPointer(id)
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "no run or output with id '"
                              + id
                              + "' (try 'mltrace history COMPONENT' to list runs)"));
      pointer = row.identifier();
      flagged = row.flag();
      root = queries.repository().latestProducerOf(pointer).orElse(null);
    }
    if (root == null) {
      return new RunGraph(pointer, flagged, null, List.of(), false);
    }
    java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>(List.of(root));
    List<String> frontier = List.of(root);
    boolean truncated = false;
    boolean windowed = limits.since() != null || limits.until() != null;
    JdbcGraphStore graph = new JdbcGraphStore(queries.database());
    for (int level = 0;
        !frontier.isEmpty() && !truncated && (limits.depth() < 0 || level < limits.depth());
        level++) {
      List<String> next = new ArrayList<>();
      for (Map.Entry<String, Instant> p : graph.producersOf(frontier, windowed).entrySet()) {
        String producer = p.getKey();
        if (seen.contains(producer) || (windowed && !limits.includes(p.getValue()))) {
          continue;
        }
        if (seen.size() >= maxRuns) {
          truncated = true;
          break;
        }
        seen.add(producer);
        next.add(producer);
      }
      frontier = next;
    }
    List<RunRow> runs = graph.runsInOrder(List.copyOf(seen));
    return new RunGraph(pointer, flagged, root, runs, truncated);
  }

  /** The trigger results of the runs, in run order then phase and position. */
  public List<JdbcAlertStore.RunResult> triggerResults(Collection<String> runIds) {
    return new TriggerStore(queries.database()).resultsInTime(runIds);
  }

  /** Failed triggers and flagged outputs of each run that has any; runs without are left out. */
  public Map<String, RunMarks> marks(Collection<String> runIds) {
    Map<String, List<String>> failed = new TriggerStore(queries.database()).failedTriggers(runIds);
    Map<String, List<String>> flagged =
        new JdbcGraphStore(queries.database()).flaggedOutputs(runIds);
    Map<String, RunMarks> marks = new HashMap<>();
    for (String id : runIds) {
      List<String> f = failed.getOrDefault(id, List.of());
      List<String> o = flagged.getOrDefault(id, List.of());
      if (!f.isEmpty() || !o.isEmpty()) {
        marks.put(id, new RunMarks(f, o));
      }
    }
    return marks;
  }

  /** The dependencies whose both ends are among the runs: {@code [consumer, producer, pointer]}. */
  public List<String[]> edgesAmong(Collection<String> runIds) {
    java.util.Set<String> ids = new java.util.HashSet<>(runIds);
    return new JdbcGraphStore(queries.database())
        .upstreamOf(ids).stream()
            .filter(d -> ids.contains(d.dependsOnRunId()))
            .sorted(
                java.util.Comparator.comparing(Dependency::runId)
                    .thenComparing(Dependency::pointerId))
            .map(d -> new String[] {d.runId(), d.dependsOnRunId(), d.pointerId()})
            .toList();
  }

  /** A captured number's text as a double, or null when it is not a finite number. */
  private static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
