package org.mltrace.collector.staleness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.StalenessFacts;
import org.mltrace.collector.store.StalenessFacts.Checked;
import org.mltrace.collector.store.StalenessFacts.Read;
import org.mltrace.collector.store.StalenessFacts.Superseder;
import org.mltrace.collector.store.StalenessFacts.Upstream;
import org.mltrace.collector.store.StalenessFacts.Window;
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
 *   <li><b>fresher_output</b>: some other run X of C_D, with status {@code ok}, ended strictly
 *       after E_D and strictly before S, and wrote a newer version of a pointer P that R read from
 *       D: either P itself again (the same file rewritten, while R read the older content, by its
 *       fingerprint), or another pointer that a run of C read under the same input name as R read P
 *       (the same role: the next {@code model} a predict step loads). A newer run of C_D alone is
 *       not enough: a component that runs twice in one pipeline (the train split, then the test
 *       split) writes two different things, and the test split is no newer train split.
 *   <li><b>failed_trigger</b>: D has a {@code trigger_results} row with status {@code fail}, one
 *       reason per failing declaration, whatever its {@code alert:} setting.
 *   <li><b>retracted_input</b>: R read a pointer that carries a label retracted by {@code now}
 *       (naming R itself), or derives, through D, from a run that did (naming D): data that a
 *       deletion request covers went into it. One reason, for the first such label by name.
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
    StalenessFacts facts = new StalenessFacts(database);
    return check(facts, facts.runs(List.copyOf(runIds)), now);
  }

  /**
   * The latest run (by start time, up to {@code now}) of each component, when it is stale, by
   * component name.
   *
   * @throws StoreException if the database fails
   */
  public List<StaleRun> staleLatestRuns(Instant now) {
    StalenessFacts facts = new StalenessFacts(database);
    return stale(facts, facts.latestRuns(now), now);
  }

  /**
   * The stale ones of {@code latest}, each the latest run of its component by {@code now} as the
   * caller found it ({@code mltrace components} has them already), in that order.
   *
   * @throws StoreException if the database fails
   */
  public List<StaleRun> staleAmong(List<Checked> latest, Instant now) {
    return stale(new StalenessFacts(database), latest, now);
  }

  private static List<StaleRun> stale(StalenessFacts facts, List<Checked> latest, Instant now) {
    Map<String, List<StaleReason>> reasons = check(facts, latest, now);
    List<StaleRun> stale = new ArrayList<>();
    for (Checked run : latest) {
      List<StaleReason> why = reasons.get(run.runId());
      if (why != null) {
        stale.add(new StaleRun(run.runId(), run.component(), run.start(), why));
      }
    }
    return stale;
  }

  private static Map<String, List<StaleReason>> check(
      StalenessFacts facts, List<Checked> runs, Instant now) {
    if (runs.isEmpty()) {
      return Map.of();
    }
    Map<String, Duration> staleAfter = facts.declaredStaleAfter();
    List<String> ids = runs.stream().map(Checked::runId).toList();
    Map<String, List<Upstream>> deps = facts.dependencies(ids);
    Superseding superseding = Superseding.load(facts, runs, deps, facts.reads(ids), now);
    RetractedInputs retracted = RetractedInputs.load(facts.database(), now);
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
        Superseding.Found fresher = superseding.latest(run.runId(), d.runId());
        if (fresher != null) {
          reasons.add(
              new StaleReason(
                  StaleReason.Kind.FRESHER_OUTPUT,
                  d.runId(),
                  d.component(),
                  "was superseded by "
                      + fresher.by().runId()
                      + (fresher.by().rewrote()
                          ? ", which rewrote " + fresher.read().pointer()
                          : ", which wrote a newer '"
                              + fresher.read().inputName()
                              + "' for "
                              + run.component())
                      + " after it and before this run started"));
        }
      }
      for (Upstream d : upstream) {
        for (String detail : failed.getOrDefault(d.runId(), List.of())) {
          reasons.add(
              new StaleReason(StaleReason.Kind.FAILED_TRIGGER, d.runId(), d.component(), detail));
        }
      }
      StaleReason retraction = retractedInput(run, upstream, retracted);
      if (retraction != null) {
        reasons.add(retraction);
      }
      if (!reasons.isEmpty()) {
        stale.put(run.runId(), List.copyOf(reasons));
      }
    }
    return stale;
  }

  /** Rule 4: the run itself read retracted data, or the first tainted dependency passes it on. */
  private static StaleReason retractedInput(
      Checked run, List<Upstream> upstream, RetractedInputs retracted) {
    if (retracted.none()) {
      return null;
    }
    RetractedInputs.Taint own = retracted.of(run.runId());
    if (own == null) {
      return null;
    }
    String what =
        "labelled '"
            + own.source().label()
            + "', whose retraction (a deletion request) was recorded at "
            + own.source().retractedAt();
    if (own.readItself()) {
      return new StaleReason(
          StaleReason.Kind.RETRACTED_INPUT,
          run.runId(),
          run.component(),
          "read " + own.source().pointer() + ", " + what);
    }
    for (Upstream d : upstream) {
      if (retracted.of(d.runId()) != null) {
        return new StaleReason(
            StaleReason.Kind.RETRACTED_INPUT,
            d.runId(),
            d.component(),
            "derives from " + own.source().pointer() + ", " + what);
      }
    }
    return null;
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
   * Rule 2 for every (run, pointer read from a dependency) of the batch, asked in one statement per
   * chunk: the window is strictly between the dependency's end and the run's start.
   */
  private record Superseding(Map<String, Map<String, Found>> byRun) {
    /** What superseded one read. */
    record Found(Read read, Superseder by) {}

    /** A read of a checked run whose window is asked. */
    private record Asked(String runId, Read read) {}

    static Superseding load(
        StalenessFacts facts,
        List<Checked> runs,
        Map<String, List<Upstream>> deps,
        Map<String, List<Read>> reads,
        Instant now) {
      List<Window> windows = new ArrayList<>();
      List<Asked> asked = new ArrayList<>(); // as the windows
      for (Checked run : runs) {
        Map<String, Upstream> upstream = new HashMap<>();
        deps.getOrDefault(run.runId(), List.of()).forEach(d -> upstream.put(d.runId(), d));
        for (Read read : reads.getOrDefault(run.runId(), List.of())) {
          Upstream d = upstream.get(read.upstreamRunId());
          if (d == null) {
            continue;
          }
          windows.add(
              new Window(
                  d.component(),
                  d.end(),
                  run.start(),
                  read.pointer(),
                  run.component(),
                  read.inputName()));
          asked.add(new Asked(run.runId(), read));
        }
      }
      Map<String, Map<String, Found>> byRun = new HashMap<>();
      Map<Integer, Superseder> found =
          windows.isEmpty() ? Map.of() : facts.latestSuperseding(windows, now);
      for (int i = 0; i < asked.size(); i++) {
        Superseder by = found.get(i);
        if (by != null) {
          Read read = asked.get(i).read();
          // The first read of a dependency (by pointer) that was superseded is the one named.
          byRun
              .computeIfAbsent(asked.get(i).runId(), k -> new HashMap<>())
              .putIfAbsent(read.upstreamRunId(), new Found(read, by));
        }
      }
      return new Superseding(byRun);
    }

    /** What superseded a read of dependency {@code upstreamRunId} before {@code run}, or null. */
    Found latest(String run, String upstreamRunId) {
      return byRun.getOrDefault(run, Map.of()).get(upstreamRunId);
    }
  }
}
