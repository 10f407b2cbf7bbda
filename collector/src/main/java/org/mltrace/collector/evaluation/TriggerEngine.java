package org.mltrace.collector.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.PendingRun;
import org.mltrace.collector.store.RunSnapshotReader;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.TriggerDeclaration;
import org.mltrace.collector.store.TriggerOutcome;
import org.mltrace.collector.store.TriggerStore;
import org.mltrace.collector.trigger.Phase;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.Trigger;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;
import org.mltrace.collector.trigger.TriggerResultsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the triggers of stored runs, asynchronously to ingestion.
 *
 * <p>Design note. Ingestion only adds a {@code trigger_pending} row, in the transaction that stores
 * a run whose component declares triggers; it never waits for the engine. The engine, on its own
 * thread and database connection, takes the oldest pending runs a batch at a time ({@link
 * #evaluateBatch}): it reads the batch's declarations, materializes the runs and each component's
 * history once ({@link BatchHistory}), evaluates every declaration on every run in the {@link
 * EvaluationPool} (an exception or the time limit gives an {@code error} result, the others go on),
 * then in one transaction stores the results and deletes the pending rows, and finally tells the
 * {@link TriggerResultsListener}. A collector killed mid-batch leaves the rows pending and
 * evaluates the batch again at its next start; only the transaction that deletes a pending row
 * stores its results, so each run's results are stored exactly once.
 */
public final class TriggerEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TriggerEngine.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * @param threads worker threads (default 2)
   * @param timeLimit per evaluation (default 10 s)
   * @param batchSize pending runs taken at a time (default 200)
   * @param queueCapacity evaluations that may wait for a worker (default 1,000)
   */
  public record Settings(int threads, Duration timeLimit, int batchSize, int queueCapacity) {
    public static final Settings DEFAULT = new Settings(2, Duration.ofSeconds(10), 200, 1_000);

    public Settings with(int threads, Duration timeLimit) {
      return new Settings(threads, timeLimit, batchSize, queueCapacity);
    }
  }

  private final Database database;
  private final TriggerStore store;
  private final RunSnapshotReader reader;
  private final TriggerRegistry registry;
  private final Settings settings;
  private final TriggerResultsListener listener;
  private final Clock clock;
  private final EvaluationPool pool;
  private final RetractedTaint taint = new RetractedTaint();
  private Thread background;
  private volatile boolean stopping;
  private volatile long evaluatedRuns;

  TriggerEngine(
      Database database,
      TriggerRegistry registry,
      Settings settings,
      TriggerResultsListener listener,
      Clock clock) {
    this.database = database;
    this.store = new TriggerStore(database);
    this.reader = new RunSnapshotReader(database);
    this.registry = registry;
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    this.pool =
        new EvaluationPool(settings.threads(), settings.queueCapacity(), settings.timeLimit());
  }

  /**
   * Opens its own connection to the database at {@code jdbcUrl}, which must exist (the collector
   * opened it first).
   *
   * @throws StoreException if it cannot be opened
   */
  public static TriggerEngine open(
      String jdbcUrl,
      TriggerRegistry registry,
      Settings settings,
      TriggerResultsListener listener,
      Clock clock) {
    return new TriggerEngine(
        Database.open(jdbcUrl, Database.Access.EXISTING), registry, settings, listener, clock);
  }

  /** How many runs' results this engine stored so far. */
  public long evaluatedRuns() {
    return evaluatedRuns;
  }

  /** How many history queries it made: one per component per batch. */
  public long historyQueries() {
    return reader.historyQueries();
  }

  /** Upstream walks {@code retracted_input} needed, for tests ({@link RetractedTaint}). */
  long retractedWalks() {
    return taint.walks();
  }

  /** How many runs wait in {@code trigger_pending}. */
  public long pendingCount() {
    return store.pendingCount();
  }

  /**
   * Evaluates pending runs, batch after batch, until none is left; returns how many it stored.
   * {@code collect --once} calls it after draining.
   *
   * @throws StoreException if the database fails; batches stored before stay stored
   */
  public long evaluateAllPending() throws InterruptedException {
    long total = 0;
    int n;
    while ((n = evaluateBatch()) > 0) {
      total += n;
    }
    return total;
  }

  /**
   * Evaluates the oldest pending runs (at most the batch size) and stores their results; returns
   * how many runs it took from {@code trigger_pending}, 0 when none waited.
   *
   * @throws StoreException if the database fails; nothing of the batch is then stored
   */
  public int evaluateBatch() throws InterruptedException {
    long t0 = System.nanoTime();
    List<PendingRun> pending = store.pending(settings.batchSize());
    if (pending.isEmpty()) {
      return 0;
    }
    Set<String> components = new LinkedHashSet<>();
    List<String> ids = new ArrayList<>();
    for (PendingRun p : pending) {
      components.add(p.component());
      ids.add(p.runId());
    }
    boolean anyRetraction = RetractedReads.anyRetraction(reader);
    Map<String, List<TriggerDeclaration>> declarations =
        DefaultTriggers.add(store.declarations(components), components, anyRetraction);
    BatchHistory batch = BatchHistory.materialize(reader, ids, declarations);
    if (anyRetraction) {
      batch.retractedReads(taint.of(reader, ids));
    }
    long t1 = System.nanoTime();
    Map<Evaluation, CompletableFuture<EvaluationPool.Timed>> running = new LinkedHashMap<>();
    List<TriggerOutcome> outcomes = new ArrayList<>();
    for (PendingRun p : pending) {
      RunSnapshot run = batch.run(p.runId());
      if (run == null) {
        continue; // removed since it was listed: its pending row goes with the batch
      }
      for (TriggerDeclaration d : declarations.getOrDefault(p.component(), List.of())) {
        TriggerRegistry.Check check = registry.check(d);
        Evaluation e = new Evaluation(run, d, check);
        if (!check.ok()) {
          outcomes.add(e.outcome(TriggerResult.error(check.message() + where(d)), 0, clock));
        } else {
          running.put(e, pool.submit(() -> e.evaluate(batch), e.loader()));
        }
      }
    }
    for (Map.Entry<Evaluation, CompletableFuture<EvaluationPool.Timed>> r : running.entrySet()) {
      EvaluationPool.Timed t = r.getValue().join();
      outcomes.add(r.getKey().outcome(t.result(), t.durationMicros(), clock));
    }
    long t2 = System.nanoTime();
    Set<String> stored = store.store(ids, outcomes);
    evaluatedRuns += stored.size();
    log.debug(
        "{} runs, {} results: read in {} ms, evaluated in {} ms, stored in {} ms",
        pending.size(),
        outcomes.size(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (System.nanoTime() - t2) / 1_000_000);
    notifyListener(ids.stream().filter(stored::contains).toList());
    return pending.size();
  }

  private static String where(TriggerDeclaration d) {
    return d.source() == null ? "" : " (declared at " + d.source() + ")";
  }

  private void notifyListener(List<String> runIds) {
    if (runIds.isEmpty()) {
      return;
    }
    try {
      listener.evaluated(runIds);
    } catch (RuntimeException e) {
      log.warn(
          "the trigger results listener failed on {} runs: {}", runIds.size(), e.toString(), e);
    }
  }

  /** One declaration on one run. */
  private record Evaluation(
      RunSnapshot run, TriggerDeclaration declaration, TriggerRegistry.Check check) {
    ClassLoader loader() {
      return check.trigger().getClass().getClassLoader();
    }

    TriggerResult evaluate(BatchHistory batch) throws Exception {
      Trigger trigger = check.trigger();
      return trigger.evaluate(
          new EvaluationContext(
              new TriggerArgs(declaration.args()),
              Phase.ofYamlKey(declaration.phase()),
              run,
              batch.historyOf(run),
              batch));
    }

    TriggerOutcome outcome(TriggerResult r, long durationMicros, Clock clock) {
      boolean alert =
          declaration.alert() != null
              ? declaration.alert()
              : check.trigger() != null && check.trigger().alertsByDefault();
      return new TriggerOutcome(
          run.id(),
          declaration.phase(),
          declaration.position(),
          run.component(),
          declaration.triggerName(),
          r.status().label(),
          finite(r.value()),
          finite(r.threshold()),
          r.message(),
          alert,
          clock.instant(),
          durationMicros);
    }

    private static Double finite(Double v) {
      return v == null || !Double.isFinite(v) ? null : v;
    }
  }

  /**
   * Evaluates in a background thread until {@link #close}: a batch as soon as one is pending, else
   * a look every {@code poll}. A database failure is logged once per outage and retried with a
   * back-off up to 30 s; the pending rows wait meanwhile.
   */
  public synchronized void start(Duration poll) {
    if (background != null) {
      return;
    }
    background = new Thread(() -> loop(poll), "mltrace-trigger-engine");
    background.setDaemon(true);
    background.start();
  }

  private void loop(Duration poll) {
    Duration backoff = poll;
    boolean failing = false;
    while (!stopping) {
      try {
        int n = evaluateBatch();
        if (failing) {
          log.info("trigger evaluation works again");
          failing = false;
          backoff = poll;
        }
        if (n == 0) {
          pause(poll);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopping) {
          return;
        }
        if (!failing) {
          log.warn(
              "cannot evaluate triggers ({}); retrying with back-off, the runs stay pending",
              e.getMessage());
          log.debug("trigger evaluation failed", e);
          failing = true;
        }
        pause(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /** Sleeps, looking at the stop flag every 50 ms: the thread is never interrupted (H2). */
  private void pause(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    while (!stopping && System.nanoTime() < until) {
      try {
        Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops the background thread after the batch in hand (which ends within the time limit), then
   * the workers and the connection. The thread is not interrupted: an interrupt during H2's file
   * I/O closes the database.
   */
  @Override
  public void close() {
    stopping = true;
    Thread t;
    synchronized (this) {
      t = background;
    }
    if (t != null) {
      try {
        t.join(settings.timeLimit().toMillis() + 10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.close();
    database.close();
  }
}
