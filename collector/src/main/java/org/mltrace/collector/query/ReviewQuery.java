package org.mltrace.collector.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.staleness.StalenessService;
import org.mltrace.collector.store.JdbcAnnotationStore;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.RunRow;

/**
 * {@code review} and {@code slice} (the MLTRACE paper's Example 4.4, Fig. 4b): trace many outputs
 * upstream and rank the runs by how many of those traces they occur in. A run common to most
 * flagged outputs' traces is the first suspect.
 *
 * <p>A trace here is a set: the producing run and every run it depends on, transitively. The traces
 * of many outputs share most of their runs, so each run's upstream edges are read once and kept for
 * the whole query.
 */
public final class ReviewQuery {
  private final QueryService queries;
  private final JdbcGraphStore graph;
  private final Map<String, List<Dependency>> upstreamCache = new HashMap<>();

  public ReviewQuery(QueryService queries) {
    this.queries = queries;
    this.graph = new JdbcGraphStore(queries.database());
  }

  /**
   * Ranks the runs in the traces of {@code ids} (outputs, or run ids: a run's own trace), or of
   * every flagged output when {@code ids} is empty.
   *
   * @throws NotFoundException if an id is neither a run nor an output
   */
  public Ranking review(List<String> ids) {
    List<String> targets = new ArrayList<>(ids);
    if (targets.isEmpty()) {
      new JdbcAnnotationStore(queries.database()).flagged().forEach(f -> targets.add(f.pointer()));
    }
    // Every target resolved with a few statements for all of them: review is asked about
    // hundreds of flagged outputs at once.
    List<String> distinct = List.copyOf(new LinkedHashSet<>(targets));
    Set<String> runIds = new HashSet<>();
    graph.runs(distinct).forEach(r -> runIds.add(r.id()));
    Map<String, List<String>> candidates = new HashMap<>();
    Set<String> allCandidates = new LinkedHashSet<>();
    for (String id : distinct) {
      if (!runIds.contains(id)) {
        candidates.put(id, queries.pointerCandidates(id));
        allCandidates.addAll(candidates.get(id));
      }
    }
    Set<String> pointers = graph.existingPointers(allCandidates);
    Map<String, String> producers = graph.latestProducers(pointers);
    List<String> traced = new ArrayList<>();
    List<String> unproduced = new ArrayList<>();
    List<String> roots = new ArrayList<>();
    for (String id : distinct) {
      if (runIds.contains(id)) {
        traced.add(id);
        roots.add(id);
        continue;
      }
      String identifier =
          candidates.get(id).stream()
              .filter(pointers::contains)
              .findFirst()
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "no run or output with id '"
                              + id
                              + "' (list flagged outputs with 'mltrace flag')"));
      traced.add(identifier);
      if (producers.containsKey(identifier)) {
        roots.add(producers.get(identifier));
      } else {
        unproduced.add(identifier);
      }
    }
    // One breadth-first walk over all the traces fills the edge cache; each trace is then a walk in
    // memory.
    LineageClosure.upstream(this::cachedUpstream).reach(roots, -1);
    List<Set<String>> traces = new ArrayList<>();
    for (String root : roots) {
      traces.add(traceOf(root));
    }
    return new Ranking(List.copyOf(traced), List.copyOf(unproduced), rank(traces));
  }

  /**
   * Ranks the runs in the traces of the runs {@code request} selects (each selected run is one
   * trace, which contains it).
   *
   * @throws NotFoundException if the component or tag is unknown
   * @throws InvalidRequestException if neither a component nor a tag is given
   */
  public Ranking slice(SliceRequest request) {
    Collection<String> components = components(request);
    List<RunRow> runs = new ArrayList<>(graph.runsOf(components, request.since(), request.until()));
    if (request.where() != null && !runs.isEmpty()) {
      Set<String> matching = new HashSet<>();
      for (JdbcGraphStore.NumberRow n :
          graph.numbers(runs.stream().map(RunRow::id).toList(), request.where().variable())) {
        if (request.where().test(n.value())) {
          matching.add(n.runId());
        }
      }
      runs.removeIf(r -> !matching.contains(r.id()));
    }
    runs.sort(Comparator.comparing(RunRow::startTime).thenComparing(RunRow::id));
    List<Set<String>> traces = new ArrayList<>();
    for (RunRow r : runs) {
      traces.add(traceOf(r.id()));
    }
    return new Ranking(runs.stream().map(RunRow::id).toList(), List.of(), rank(traces));
  }

  private Collection<String> components(SliceRequest request) {
    if (request.component() == null && request.tag() == null) {
      throw new InvalidRequestException("slice needs --component or --tag");
    }
    CatalogQuery catalog = new CatalogQuery(queries);
    if (request.component() != null) {
      if (queries.repository().findComponent(request.component()).isEmpty()) {
        throw new NotFoundException(
            "no component named '"
                + request.component()
                + "' (list them with 'mltrace components')");
      }
      if (request.tag() != null && !catalog.tagsOf(request.component()).contains(request.tag())) {
        return List.of();
      }
      return List.of(request.component());
    }
    Set<String> tagged = new TreeSet<>();
    catalog.components(null, request.tag()).forEach(c -> tagged.add(c.name()));
    if (tagged.isEmpty()) {
      throw new NotFoundException(
          "no component is tagged '" + request.tag() + "' (list tags with 'mltrace tags')");
    }
    return tagged;
  }

  private Set<String> traceOf(String runId) {
    return LineageClosure.upstream(this::cachedUpstream).reach(List.of(runId), -1).keySet();
  }

  private List<Dependency> cachedUpstream(Collection<String> runIds) {
    List<String> missing = runIds.stream().filter(id -> !upstreamCache.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      missing.forEach(id -> upstreamCache.put(id, new ArrayList<>()));
      for (Dependency d : graph.upstreamOf(missing)) {
        upstreamCache.get(d.runId()).add(d);
      }
    }
    List<Dependency> edges = new ArrayList<>();
    runIds.forEach(id -> edges.addAll(upstreamCache.get(id)));
    return edges;
  }

  private List<Ranking.RankedRun> rank(List<Set<String>> traces) {
    Map<String, Integer> counts = new HashMap<>();
    for (Set<String> trace : traces) {
      trace.forEach(run -> counts.merge(run, 1, Integer::sum));
    }
    List<RunRow> runs = new ArrayList<>(graph.runs(counts.keySet()));
    runs.sort(
        Comparator.comparing((RunRow r) -> -counts.get(r.id()))
            .thenComparing(RunRow::startTime, Comparator.reverseOrder())
            .thenComparing(RunRow::id));
    Map<String, List<StaleReason>> stale =
        new StalenessService(queries.database()).reasons(counts.keySet(), Instant.now());
    List<Ranking.RankedRun> ranked = new ArrayList<>();
    for (RunRow r : runs) {
      List<StaleReason> why = stale.getOrDefault(r.id(), List.of());
      ranked.add(new Ranking.RankedRun(ranked.size() + 1, r, counts.get(r.id()), why));
    }
    return List.copyOf(ranked);
  }
}
