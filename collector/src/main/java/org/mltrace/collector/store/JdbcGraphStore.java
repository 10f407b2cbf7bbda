package org.mltrace.collector.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mltrace.collector.lineage.Dependency;

/**
 * Set-wise reads of the lineage graph and of runs, for walks over many runs at once ({@code
 * impact}, {@code review}, {@code slice}): one statement per step of a walk (per chunk of ids, see
 * {@link AnyOf}), not one per run. Throws {@link StoreException} when the database fails.
 */
public final class JdbcGraphStore {
  /** A run's output that is a pointer. */
  public record OutputRow(String runId, String pointer, String name, String pointerType) {}

  /** A numeric input or output of a run, by variable name. */
  public record NumberRow(String runId, String name, double value) {}

  private final Database database;

  public JdbcGraphStore(Database database) {
    this.database = database;
  }

  /**
   * The dependency links under the old view's column names (run_id, depends_on_run_id, pointer_id),
   * for a WHERE on {@code r} (the consumer) or {@code u} (the producer). The links hold keys
   * (V048): each key is a probe of a unique index, the consumer's by {@code run_dependency_keys}'
   * primary key, the producer's by {@code run_dependency_keys_by_upstream}.
   */
  static final String LINKS =
      "SELECT r.id AS run_id, u.id AS depends_on_run_id, p.identifier AS pointer_id"
          + " FROM component_runs r"
          + " JOIN run_dependency_keys d ON d.run_key = r.run_key"
          + " JOIN component_runs u ON u.run_key = d.depends_on_run_key"
          + " JOIN io_pointers p ON p.pointer_key = d.pointer_key";

  /** The dependencies whose consumer is one of {@code runIds}. */
  public List<Dependency> upstreamOf(Collection<String> runIds) {
    return dependencies("r.id", runIds);
  }

  /** The dependencies whose producer is one of {@code runIds}. */
  public List<Dependency> downstreamOf(Collection<String> runIds) {
    return dependencies("u.id", runIds);
  }

  private List<Dependency> dependencies(String column, Collection<String> runIds) {
    List<Dependency> out = new ArrayList<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
      out.addAll(
          SqlRows.query(
              database,
              "reading run dependencies",
              LINKS + " WHERE " + column + " = ANY(?)",
              rs -> new Dependency(rs.getString(1), rs.getString(2), rs.getString(3)),
              chunk));
    }
    return out;
  }

  /**
   * The keys of the runs that depend on any of {@code runKeys}, once per link (a run that read two
   * of their outputs comes twice), in no particular order: one probe of {@code
   * run_dependency_keys_by_upstream} per chunk, and one of the consumer's key, which keeps out the
   * rows a lost transaction left (they name a run key no run has, V048).
   *
   * <p>On PostgreSQL the consumer's key is probed in a {@code LATERAL} subquery kept apart by
   * {@code OFFSET 0}, so that it stays one probe per link. As a join, once VACUUM had marked the
   * 10M history's pages all-visible, the planner (which expected about 34 links per upstream run
   * where the history has 2) merged the chunk's links with a parallel scan of the whole run-key
   * index: 1.8 s a statement instead of 17 ms, `impact` many times slower.
   */
  public List<Long> dependentKeysOf(Collection<Long> runKeys) {
    String consumer =
        dialect() == SqlDialect.POSTGRES
            ? " CROSS JOIN LATERAL (SELECT 1 FROM component_runs r"
                + " WHERE r.run_key = d.run_key OFFSET 0) r"
            : " JOIN component_runs r ON r.run_key = d.run_key";
    return SqlRows.queryChunks(
        database,
        "reading the dependents of " + runKeys.size() + " runs",
        "SELECT d.run_key FROM run_dependency_keys d"
            + consumer
            + " WHERE d.depends_on_run_key = ANY(?)",
        rs -> rs.getLong(1),
        runKeys);
  }

  /** The key of the run {@code runId}, if it is stored. */
  public Optional<Long> runKey(String runId) {
    return SqlRows.query(
            database,
            "reading run " + runId,
            "SELECT run_key FROM component_runs WHERE id = ?",
            rs -> rs.getLong(1),
            runId)
        .stream()
        .findFirst();
  }

  /**
   * The producers of {@code runIds}' inputs, each once, in the order of consumer id then pointer
   * identifier; with {@code withStart}, each with the time it started (else null). The producer's
   * row is joined either way, for its id (the links hold keys, V048), so its start costs nothing
   * more.
   */
  public Map<String, Instant> producersOf(Collection<String> runIds, boolean withStart) {
    String sql =
        "SELECT u.id, u.start_time FROM component_runs r"
            + " JOIN run_dependency_keys d ON d.run_key = r.run_key"
            + " JOIN component_runs u ON u.run_key = d.depends_on_run_key"
            + " JOIN io_pointers p ON p.pointer_key = d.pointer_key"
            + " WHERE r.id = ANY(?) ORDER BY r.id, p.identifier";
    Map<String, Instant> producers = new LinkedHashMap<>();
    for (List<String> chunk : AnyOf.distinctChunks(database, runIds)) {
      for (Map.Entry<String, Instant> p :
          SqlRows.query(
              database,
              "reading the producers of runs",
              sql,
              rs ->
                  Map.entry(
                      rs.getString(1), withStart ? Jdbc.time(rs, "start_time") : Instant.EPOCH),
              chunk)) {
        producers.putIfAbsent(p.getKey(), withStart ? p.getValue() : null);
      }
    }
    return producers;
  }

  /**
   * The flagged outputs ({@code io_pointers.flag}) each run wrote, in write order; runs without are
   * absent. Read from the runs' arrays: {@code run_write_keys} has no key by run (V047).
   */
  public Map<String, List<String>> flaggedOutputs(Collection<String> runIds) {
    List<RunValueReader.PointerValue> written =
        RunValueReader.pointerValues(database, runIds, false);
    Set<String> flagged = new HashSet<>();
    List<String> pointers =
        written.stream().map(RunValueReader.PointerValue::pointer).distinct().toList();
    for (List<String> chunk : AnyOf.chunks(database, pointers)) {
      flagged.addAll(
          SqlRows.query(
              database,
              "reading the flagged outputs of runs",
              "SELECT identifier FROM io_pointers WHERE flag = TRUE AND "
                  + dialect().identifierIn("identifier"),
              rs -> rs.getString(1),
              chunk));
    }
    Map<String, List<String>> byRun = new LinkedHashMap<>();
    for (RunValueReader.PointerValue w : written) {
      if (flagged.contains(w.pointer())) {
        byRun.computeIfAbsent(w.runId(), k -> new ArrayList<>()).add(w.pointer());
      }
    }
    return byRun;
  }

  /**
   * The number of dependency links stored. Counted through the view: a link left by a lost
   * transaction names a run key no run has (V048) and is no link.
   */
  public long dependencyCount() {
    return SqlRows.query(
            database,
            "counting run dependencies",
            "SELECT COUNT(*) FROM run_dependencies",
            rs -> rs.getLong(1))
        .get(0);
  }

  /** The number of runs the component has stored. */
  public long runCount(String component) {
    return SqlRows.query(
            database,
            "counting the runs of component " + component,
            "SELECT COUNT(*) FROM component_runs WHERE component = ?",
            rs -> rs.getLong(1),
            component)
        .get(0);
  }

  /** The component's runs {@code offset .. offset+limit-1}, newest start first. */
  public List<RunRow> runPage(String component, int offset, int limit) {
    return SqlRows.query(
        database,
        "reading the history of component " + component,
        "SELECT "
            + JdbcRunRepository.RUN_COLUMNS
            + " FROM component_runs WHERE component = ? ORDER BY component, start_time DESC, id DESC"
            + " LIMIT ? OFFSET ?",
        JdbcRunRepository::runRow,
        component,
        limit,
        offset);
  }

  /** The ids of the runs that read the pointer (any version of it), in no particular order. */
  public List<String> readersOf(String pointer) {
    return readers("r.id", pointer, rs -> rs.getString(1));
  }

  /** The keys of the runs that read the pointer (any version of it), in no particular order. */
  public List<Long> readerKeysOf(String pointer) {
    return readers("r.run_key", pointer, rs -> rs.getLong(1));
  }

  private <T> List<T> readers(String column, String pointer, SqlRows.RowMapper<T> mapper) {
    return SqlRows.query(
        database,
        "finding the readers of " + pointer,
        "SELECT DISTINCT "
            + column
            + " FROM io_pointers p JOIN "
            + readersIndex(database)
            + " ON k.pointer_key = p.pointer_key JOIN component_runs r ON r.run_key = k.run_key"
            + " WHERE p.identifier = ?",
        mapper,
        pointer);
  }

  /**
   * run_read_keys as {@code k}, read through its (pointer_key, run_key) index (V048), which answers
   * "who read this" without reading a row; the hint keeps H2 on it, as it kept H2 on run_reads'
   * (pointer_id, run_id) index before.
   */
  static String readersIndex(Database database) {
    return SqlDialect.of(database.isPostgres())
        .readThrough("run_read_keys", "k", "run_read_keys_by_pointer");
  }

  private SqlDialect dialect() {
    return SqlDialect.of(database.isPostgres());
  }

  /** A run's row with its pointer outputs. */
  public record RunWithOutputs(long key, RunRow run, List<OutputRow> outputs) {}

  /**
   * The rows of the runs among {@code runKeys} with their pointer outputs (read from the runs'
   * arrays, {@link RunValueReader}), in no particular order: one read of each run, by key.
   */
  public List<RunWithOutputs> runsWithOutputs(Collection<Long> runKeys) {
    List<RunValueReader.RunOutputs> found =
        RunValueReader.runsWithPointerOutputs(database, runKeys);
    List<OutputRow> outputs =
        outputRows(found.stream().flatMap(r -> r.outputs().stream()).toList());
    Map<String, List<OutputRow>> byRun = new HashMap<>();
    outputs.forEach(o -> byRun.computeIfAbsent(o.runId(), k -> new ArrayList<>()).add(o));
    return found.stream()
        .map(r -> new RunWithOutputs(r.key(), r.run(), byRun.getOrDefault(r.run().id(), List.of())))
        .toList();
  }

  /** The pointer values as output rows, with their pointers' types. */
  private List<OutputRow> outputRows(List<RunValueReader.PointerValue> found) {
    Map<String, String> types =
        RunValueReader.pointerTypes(
            database, found.stream().map(RunValueReader.PointerValue::pointer).distinct().toList());
    List<OutputRow> out = new ArrayList<>();
    for (RunValueReader.PointerValue f : found) {
      out.add(new OutputRow(f.runId(), f.pointer(), f.name(), types.get(f.pointer())));
    }
    return out;
  }

  /** Those of {@code identifiers} that name a recorded pointer. */
  public Set<String> existingPointers(Collection<String> identifiers) {
    Set<String> found = new HashSet<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(identifiers))) {
      found.addAll(
          SqlRows.query(
              database,
              "looking up pointers",
              "SELECT identifier FROM io_pointers WHERE " + dialect().identifierIn("identifier"),
              rs -> rs.getString(1),
              chunk));
    }
    return found;
  }

  /**
   * For each of {@code pointers} that some run wrote, the run that wrote it last (by end time, then
   * id, as {@link RunRepository#latestProducerOf} does).
   */
  public Map<String, String> latestProducers(Collection<String> pointers) {
    Map<String, Written> latest = new HashMap<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(pointers))) {
      for (Written w :
          SqlRows.query(
              database,
              "finding the producers of " + pointers.size() + " pointers",
              // run_write_keys holds its run's end; its run is joined for the id only
              "SELECT p.identifier, r.id, w.end_time FROM io_pointers p"
                  + " JOIN run_write_keys w ON w.pointer_key = p.pointer_key"
                  + " JOIN component_runs r ON r.run_key = w.run_key"
                  + " WHERE "
                  + dialect().identifierIn("p.identifier"),
              rs -> new Written(rs.getString(1), rs.getString(2), Jdbc.time(rs, "end_time")),
              chunk)) {
        latest.merge(w.pointer(), w, (a, b) -> a.isLaterThan(b) ? a : b);
      }
    }
    Map<String, String> producers = new HashMap<>();
    latest.forEach((pointer, w) -> producers.put(pointer, w.run()));
    return producers;
  }

  private record Written(String pointer, String run, Instant end) {
    boolean isLaterThan(Written other) {
      int order = end.compareTo(other.end);
      return order > 0 || (order == 0 && run.compareTo(other.run) > 0);
    }
  }

  /** The rows of the runs that exist among {@code runIds}, in no particular order. */
  public List<RunRow> runs(Collection<String> runIds) {
    List<RunRow> out = new ArrayList<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
      out.addAll(
          SqlRows.query(
              database,
              "reading runs",
              "SELECT " + JdbcRunRepository.RUN_COLUMNS + " FROM component_runs WHERE id = ANY(?)",
              JdbcRunRepository::runRow,
              chunk));
    }
    return out;
  }

  /** The rows of the runs that exist among {@code ids}, in the order of {@code ids}. */
  public List<RunRow> runsInOrder(List<String> ids) {
    Map<String, RunRow> rows = new HashMap<>();
    runs(ids).forEach(r -> rows.put(r.id(), r));
    return ids.stream().filter(rows::containsKey).map(rows::get).toList();
  }

  /**
   * The runs of the given components that started in [since, until) (either bound may be null), in
   * no particular order.
   */
  public List<RunRow> runsOf(Collection<String> components, Instant since, Instant until) {
    List<RunRow> out = new ArrayList<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(components))) {
      out.addAll(
          SqlRows.query(
              database,
              "selecting runs",
              "SELECT "
                  + JdbcRunRepository.RUN_COLUMNS
                  + " FROM component_runs WHERE component = ANY(?)"
                  + (since == null ? "" : " AND start_time >= ?")
                  + (until == null ? "" : " AND start_time < ?"),
              JdbcRunRepository::runRow,
              bounds(chunk, since, until)));
    }
    return out;
  }

  private static Object[] bounds(List<String> chunk, Instant since, Instant until) {
    List<Object> params = new ArrayList<>();
    params.add(chunk);
    if (since != null) {
      params.add(since);
    }
    if (until != null) {
      params.add(until);
    }
    return params.toArray();
  }

  /**
   * The inputs and outputs named {@code name} of the runs that hold a number ({@code LONG} or
   * {@code DOUBLE}); a run with both an input and an output of that name gives two rows.
   */
  public List<NumberRow> numbers(Collection<String> runIds, String name) {
    List<NumberRow> out = new ArrayList<>();
    for (Map.Entry<String, Object[][]> e : RunValueReader.arrays(database, runIds).entrySet()) {
      for (int direction = 0; direction < 2; direction++) {
        Object[] values = e.getValue()[direction];
        for (int v = 0; values != null && v + 8 <= values.length; v += 8) {
          if (name.equals(values[v])
              && ("LONG".equals(values[v + 1]) || "DOUBLE".equals(values[v + 1]))) {
            out.add(new NumberRow(e.getKey(), name, parse((String) values[v + 2])));
          }
        }
      }
    }
    out.removeIf(n -> Double.isNaN(n.value()));
    return out;
  }

  private static double parse(String text) {
    try {
      return text == null ? Double.NaN : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
