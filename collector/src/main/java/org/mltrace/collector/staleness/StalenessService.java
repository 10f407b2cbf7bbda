package org.mltrace.collector.staleness;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.staleness.StalenessFacts.Checked;
import org.mltrace.collector.staleness.StalenessFacts.Upstream;
import org.mltrace.collector.staleness.StalenessFacts.Window;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.StoreException;

/**
 * Decides whether a run is stale. A run R of component C that started at S, with dependencies D
 * (the upstream runs of {@code run_dependencies}, each of component C_D, ended at E_D), is stale
 * for each D where:
 *
 * <ol>
 *   <li><b>outdated_dependency</b>: {@code S - E_D > stale_after}, where {@code stale_after} is C's
 *       ({@code components.stale_after_seconds}; 30 days when not declared). The consumer says how
 *       old its inputs may be.
 *   <li><b>fresher_output</b>: some other run X of C_D, with status {@code ok} and at least one
 *       output that is a value (kind not ABSENT, NULL or ERROR), ended strictly after E_D and
 *       strictly before S: a newer model or feature set existed when R ran, and R read the older
 *       one. (A newer write of the same pointer would have been the dependency itself, so X wrote
 *       something else, e.g. {@code model-v2.bin}.)
 *   <li><b>failed_trigger</b>: D has a {@code trigger_results} row with status {@code fail}, one
 *       reason per failing declaration, whatever its {@code alert:} setting.
 * </ol>
 *
 * <p>Many runs are checked together ({@link #reasons(Collection, Instant)}) with a fixed number of
 * statements, whatever their number: {@code history}, {@code review} and the web UI show the
 * staleness of every run they list.
 *
 * <p>All answers are as of {@code now}: runs that ended and results evaluated after it are not
 * seen, so a test with a fixed clock, or a look back at yesterday, gets a stable answer.
 */
public final class StalenessService {
  /** When a component declares no {@code stale_after}. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(30);

  private final Database database;

  public StalenessService(Database database) {
    this.database = database;
  }

  /**
   * Why the run is stale as of {@code now}: outdated dependencies first, then fresher outputs, then
   * failed triggers, each in the order of the dependencies' end times. Empty when it is not stale,
   * or when no run has this id.
   *
   * @throws StoreException if the database fails
   */
  public List<StaleReason> reasons(String runId, Instant now) {
    return reasons(List.of(runId), now).getOrDefault(runId, List.of());
  }

  /**
   * {@link #reasons(String, Instant)} of each run, for the stale ones only (a run that is not stale
   * or does not exist has no entry).
   *
   * @throws StoreException if the database fails
   */
  public Map<String, List<StaleReason>> reasons(Collection<String> runIds, Instant now) {
    try {
      StalenessFacts facts = new StalenessFacts(database);
      return check(facts, facts.runs(List.copyOf(runIds)), now);
    } catch (SQLException e) {
      throw new StoreException(
          "database error while checking whether "
              + (runIds.size() == 1 ? "run " + runIds.iterator().next() : runIds.size() + " runs")
              + " are stale: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The latest run (by start time, up to {@code now}) of each component, when it is stale, by
   * component name.
   *
   * @throws StoreException if the database fails
   */
  public List<StaleRun> staleLatestRuns(Instant now) {
    try {
      StalenessFacts facts = new StalenessFacts(database);
      List<Checked> latest = facts.latestRuns(now);
      Map<String, List<StaleReason>> reasons = check(facts, latest, now);
      List<StaleRun> stale = new ArrayList<>();
      for (Checked run : latest) {
        List<StaleReason> why = reasons.get(run.runId());
        if (why != null) {
          stale.add(new StaleRun(run.runId(), run.component(), run.start(), why));
        }
      }
      return stale;
    } catch (SQLException e) {
      throw new StoreException("database error while looking for stale runs: " + e.getMessage(), e);
    }
  }

  private static Map<String, List<StaleReason>> check(
      StalenessFacts facts, List<Checked> runs, Instant now) throws SQLException {
    if (runs.isEmpty()) {
      return Map.of();
    }
    Map<String, Duration> staleAfter = facts.declaredStaleAfter();
    Map<String, List<Upstream>> deps =
        facts.dependencies(runs.stream().map(Checked::runId).toList());
    Superseding superseding = Superseding.load(facts, runs, deps, now);
    Map<String, List<String>> failed =
        facts.failedTriggers(
            deps.values().stream().flatMap(List::stream).map(Upstream::runId).distinct().toList(),
            now);
    Map<String, List<StaleReason>> stale = new LinkedHashMap<>();
    for (Checked run : runs) {
      List<Upstream> upstream = deps.getOrDefault(run.runId(), List.of());
      List<StaleReason> reasons = new ArrayList<>();
      Duration limit = staleAfter.getOrDefault(run.component(), DEFAULT_STALE_AFTER);
      for (Upstream d : upstream) {
        Duration age = Duration.between(d.end(), run.start());
        if (age.compareTo(limit) > 0) {
          reasons.add(outdated(d, age, run.component(), limit));
        }
      }
      for (Upstream d : upstream) {
        String fresher = superseding.latest(run.runId(), d);
        if (fresher != null) {
          reasons.add(
              new StaleReason(
                  StaleReason.Kind.FRESHER_OUTPUT,
                  d.runId(),
                  d.component(),
                  "was superseded by "
                      + fresher
                      + ", which ended after it and before this run started"));
        }
      }
      for (Upstream d : upstream) {
        for (String detail : failed.getOrDefault(d.runId(), List.of())) {
          reasons.add(
              new StaleReason(StaleReason.Kind.FAILED_TRIGGER, d.runId(), d.component(), detail));
        }
      }
      if (!reasons.isEmpty()) {
        stale.put(run.runId(), List.copyOf(reasons));
      }
    }
    return stale;
  }

  private static StaleReason outdated(
      Upstream d, Duration age, String component, Duration staleAfter) {
    return new StaleReason(
        StaleReason.Kind.OUTDATED_DEPENDENCY,
        d.runId(),
        d.component(),
        "ended "
            + Ages.format(age)
            + " before this run started (stale_after of "
            + component
            + ": "
            + Ages.format(staleAfter)
            + ")");
  }

  /**
   * Rule 2 for every (run, dependency) pair of the batch, asked per upstream component in one
   * statement per chunk: the window is strictly between the dependency's end and the run's start.
   */
  private record Superseding(Map<String, Map<Upstream, String>> byRun) {
    static Superseding load(
        StalenessFacts facts, List<Checked> runs, Map<String, List<Upstream>> deps, Instant now)
        throws SQLException {
      Map<String, List<Window>> windows = new LinkedHashMap<>();
      Map<String, List<String[]>> asked = new HashMap<>(); // component -> (run, dependency run)
      for (Checked run : runs) {
        for (Upstream d : deps.getOrDefault(run.runId(), List.of())) {
          windows
              .computeIfAbsent(d.component(), k -> new ArrayList<>())
              .add(new Window(d.end(), run.start()));
          asked
              .computeIfAbsent(d.component(), k -> new ArrayList<>())
              .add(new String[] {run.runId(), d.runId()});
        }
      }
      Map<String, Map<Upstream, String>> byRun = new HashMap<>();
      Map<String, Upstream> upstreamById = new HashMap<>();
      deps.values().forEach(list -> list.forEach(d -> upstreamById.put(d.runId(), d)));
      for (Map.Entry<String, List<Window>> e : windows.entrySet()) {
        List<String[]> pairs = asked.get(e.getKey());
        facts
            .latestSuperseding(e.getKey(), e.getValue(), now)
            .forEach(
                (i, fresher) ->
                    byRun
                        .computeIfAbsent(pairs.get(i)[0], k -> new HashMap<>())
                        .put(upstreamById.get(pairs.get(i)[1]), fresher));
      }
      return new Superseding(byRun);
    }

    /** The latest run that superseded {@code d} before {@code run} started, or null. */
    String latest(String run, Upstream d) {
      return byRun.getOrDefault(run, Map.of()).get(d);
    }
  }

}
