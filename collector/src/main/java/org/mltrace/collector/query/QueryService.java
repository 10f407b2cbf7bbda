package org.mltrace.collector.query;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.lineage.UpstreamWalker;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.staleness.StaleRun;
import org.mltrace.collector.staleness.StalenessService;
import org.mltrace.collector.store.Alert;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcAlertStore;
import org.mltrace.collector.store.JdbcCodeSourceStore;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.JdbcRunRepository;
import org.mltrace.collector.store.PointerRow;
import org.mltrace.collector.store.ReadOnlySql;
import org.mltrace.collector.store.RunRepository;
import org.mltrace.collector.store.RunRow;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * Answers the CLI's questions about recorded runs. Opening it never creates a database: an H2 file
 * that does not exist yet is an error. Each method fails with a one-line {@link
 * org.mltrace.collector.MltraceException}: {@link NotFoundException} for unknown ids, {@link
 * InvalidRequestException} or {@code QueryRefusedException} for bad requests, {@code
 * StoreException} for database trouble.
 */
public final class QueryService implements AutoCloseable {
  /** A trace stops growing after this many runs, so a wide, deep DAG stays printable. */
  static final int MAX_TRACE_NODES = 2_000;

  private final Database database;
  private final RunRepository repository;
  private final ViewMapper views;
  private final Path workingDir;

  QueryService(Database database, Path workingDir) {
    this.database = database;
    this.repository = new JdbcRunRepository(database);
    this.views = new ViewMapper(repository);
    this.workingDir = workingDir;
  }

  /**
   * Opens the existing database at {@code jdbcUrl}; relative paths resolve against the JVM's
   * working directory.
   */
  public static QueryService open(String jdbcUrl) {
    return new QueryService(
        Database.open(jdbcUrl, Database.Access.QUERY), Path.of("").toAbsolutePath());
  }

  /**
   * The lineage of a run (when {@code id} is a run id) or of an output (a pointer identifier; a
   * relative file path is made absolute).
   *
   * @throws NotFoundException if {@code id} is neither
   */
  public TraceResult trace(String id) {
    return trace(id, TraceLimits.NONE);
  }

  /**
   * The lineage of a run or an output, cut by {@code limits} (depth, producers' start window).
   *
   * @throws NotFoundException if {@code id} is neither
   */
  public TraceResult trace(String id, TraceLimits limits) {
    if (repository.findRun(id).isPresent()) {
      return new TraceResult.RunTrace(walk(id, limits));
    }
    for (String candidate : PointerIds.candidates(id, workingDir)) {
      Optional<PointerRow> pointer = repository.findPointer(candidate);
      if (pointer.isPresent()) {
        TraceNode producedBy =
            repository.latestProducerOf(candidate).map(run -> walk(run, limits)).orElse(null);
        return new TraceResult.PointerTrace(
            pointer.get(), producedBy, repository.readerCount(candidate));
      }
    }
    throw new NotFoundException(
        "no run or output with id '" + id + "' (try 'mltrace history COMPONENT' to list runs)");
  }

  private TraceNode walk(String runId, TraceLimits limits) {
    TraceSource source =
        TraceSource.load(repository, new JdbcGraphStore(database), runId, limits, MAX_TRACE_NODES);
    UpstreamWalker.Node root =
        new UpstreamWalker(source, MAX_TRACE_NODES, limits.depth()).walk(runId);
    // Each run's view, trigger results and staleness read once for the whole tree, not per node.
    Set<String> runIds = new LinkedHashSet<>();
    collectRunIds(root, runIds);
    Map<String, RunView> runs = new HashMap<>();
    for (RunView view : views.runs(runIds.stream().map(source::row).toList())) {
      runs.put(view.row().id(), view);
    }
    Map<String, List<TriggerOutcome>> triggers = repository.triggerResults(runIds);
    Map<String, List<StaleReason>> stale =
        new StalenessService(database).reasons(runIds, Instant.now());
    return toTraceNode(root, runs, triggers, stale);
  }

  private static void collectRunIds(UpstreamWalker.Node node, Set<String> ids) {
    if (ids.add(node.runId())) {
      node.upstream().forEach(child -> collectRunIds(child, ids));
    }
  }

  private static TraceNode toTraceNode(
      UpstreamWalker.Node node,
      Map<String, RunView> runs,
      Map<String, List<TriggerOutcome>> triggers,
      Map<String, List<StaleReason>> stale) {
    List<TraceNode> upstream = new ArrayList<>();
    for (UpstreamWalker.Node child : node.upstream()) {
      upstream.add(toTraceNode(child, runs, triggers, stale));
    }
    return new TraceNode(
        runs.get(node.runId()),
        node.via(),
        List.copyOf(upstream),
        node.truncated(),
        triggers.getOrDefault(node.runId(), List.of()),
        stale.getOrDefault(node.runId(), List.of()));
  }

  /**
   * Everything recorded about one run.
   *
   * @throws NotFoundException if no run has this id
   */
  public RunDetail inspect(String runId) {
    RunRow row =
        repository
            .findRun(runId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no run with id '"
                            + runId
                            + "' (try 'mltrace history COMPONENT' to list runs)"));
    ComponentView component =
        repository
            .findComponent(row.component())
            .map(ViewMapper::component)
            .orElse(
                new ComponentView(row.component(), null, null, List.of(), List.of(), null, null));
    return new RunDetail(
        views.run(row),
        links(repository.upstreamOf(runId), true),
        links(repository.downstreamOf(runId), false),
        component,
        repository.triggerResults(List.of(runId)).getOrDefault(runId, List.of()),
        !repository.pendingTriggerRuns(List.of(runId)).isEmpty(),
        new StalenessService(database).reasons(runId, Instant.now()),
        row.agentId() == null
            ? List.of()
            : codeSources(row.component(), List.of(row.agentId()))
                .getOrDefault(row.agentId(), List.of()));
  }

  /** The component's code sources as each agent reported them, by agent id. */
  private Map<String, List<CodeSourceView>> codeSources(String component, List<String> agentIds) {
    Map<String, List<CodeSourceView>> byAgent = new HashMap<>();
    new JdbcCodeSourceStore(database)
        .of(component, agentIds)
        .forEach(
            (agent, rows) ->
                byAgent.put(
                    agent,
                    rows.stream()
                        .map(
                            r ->
                                new CodeSourceView(
                                    r.className(),
                                    r.codeVersion(),
                                    r.location(),
                                    r.jarSha256(),
                                    r.maven()))
                        .toList()));
    return byAgent;
  }

  private List<LinkView> links(List<Dependency> dependencies, boolean upstream) {
    List<LinkView> links = new ArrayList<>();
    for (Dependency d : dependencies) {
      String other = upstream ? d.dependsOnRunId() : d.runId();
      String component = repository.findRun(other).map(RunRow::component).orElse(null);
      links.add(new LinkView(other, component, d.pointerId()));
    }
    return links;
  }

  /**
   * The component's most recent runs, newest first.
   *
   * @throws InvalidRequestException if {@code limit} is below 1
   * @throws NotFoundException if no component has this name
   */
  public History history(String component, int limit) {
    return history(component, limit, null, null);
  }

  /**
   * The component's runs that started in [{@code since}, {@code until}) (null: unbounded), newest
   * first, at most {@code limit}, as {@link #history(String, int)}.
   *
   * @throws InvalidRequestException if limit is below 1 or since is not before until
   * @throws NotFoundException if no component has this name
   */
  public History history(String component, int limit, Instant since, Instant until) {
    if (limit < 1) {
      throw new InvalidRequestException("--limit must be at least 1, got " + limit);
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new InvalidRequestException("--since " + since + " must be before --until " + until);
    }
    if (repository.findComponent(component).isEmpty()) {
      throw new NotFoundException(
          "no component named '"
              + component
              + "' (list them with: mltrace sql \"SELECT name FROM components\")");
    }
    List<RunView> runs = views.runs(repository.recentRuns(component, limit, since, until));
    Map<String, TriggerCounts> triggers = new HashMap<>();
    List<String> ids = runs.stream().map(r -> r.row().id()).toList();
    repository.pendingTriggerRuns(ids).forEach(id -> triggers.put(id, TriggerCounts.PENDING));
    repository
        .triggerResults(ids)
        .forEach((id, results) -> triggers.put(id, TriggerCounts.of(results)));
    Map<String, List<StaleReason>> stale =
        new StalenessService(database).reasons(ids, Instant.now());
    Map<String, List<CodeSourceView>> byAgent =
        codeSources(component, runs.stream().map(r -> r.row().agentId()).toList());
    Map<String, List<CodeSourceView>> sources = new HashMap<>();
    for (RunView r : runs) {
      List<CodeSourceView> s = byAgent.get(r.row().agentId());
      if (s != null) {
        sources.put(r.row().id(), s);
      }
    }
    return new History(component, limit, runs, triggers, stale, sources);
  }

  /**
   * Open alerts, or every alert with {@code all}, the most recently opened first.
   *
   * @throws org.mltrace.collector.store.StoreException if the database fails
   */
  public List<Alert> alerts(boolean all) {
    return new JdbcAlertStore(database).list(all);
  }

  /** The latest run of each component, where it is stale as of {@code now}, by component. */
  public List<StaleRun> staleRuns(Instant now) {
    return new StalenessService(database).staleLatestRuns(now);
  }

  /**
   * Runs one read-only query.
   *
   * @throws org.mltrace.collector.store.QueryRefusedException if it is not a single read-only query
   *     or the database rejects it
   */
  public SqlResult sql(String statement) {
    ReadOnlySql.Rows rows = new ReadOnlySql(database).query(statement);
    return new SqlResult(rows.columns(), rows.rows());
  }

  /** The identifiers {@code id} may mean as a pointer: as given, then as a path made absolute. */
  List<String> pointerCandidates(String id) {
    return PointerIds.candidates(id, workingDir);
  }

  /** The pointer {@code id} names, trying it as given, then as a path made absolute. */
  Optional<PointerRow> findPointer(String id) {
    for (String candidate : PointerIds.candidates(id, workingDir)) {
      Optional<PointerRow> pointer = repository.findPointer(candidate);
      if (pointer.isPresent()) {
        return pointer;
      }
    }
    return Optional.empty();
  }

  // For the queries that live in classes of their own (ImpactQuery, ReviewQuery, ...) and the
  // repositories other packages read beside it (the OpenLineage forwarder's run feed).
  public Database database() {
    return database;
  }

  RunRepository repository() {
    return repository;
  }

  @Override
  public void close() {
    database.close();
  }
}
