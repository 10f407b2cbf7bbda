package org.mltrace.collector.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.longValue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.TriggerOutcome;
import org.mltrace.collector.store.TriggerStore;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.trigger.Trigger;
import org.mltrace.collector.trigger.TriggerResultsListener;

/**
 * The trigger engine against a real database: pending rows written at ingest, results stored once,
 * failures and time limits recorded as errors, history read once per component per batch. Run on H2
 * and on PostgreSQL by the subclasses.
 */
abstract class TriggerEngineContract {
  @TempDir Path tmp;
  String url;
  Declarations db;
  final List<List<String>> notified = Collections.synchronizedList(new ArrayList<>());

  /** A fresh, empty database. */
  abstract String newDatabase(Path dir) throws Exception;

  void dropDatabase() throws Exception {}

  @BeforeEach
  void createDatabase() throws Exception {
    url = newDatabase(tmp);
    Collector.open(url).close(); // creates the schema
    db = new Declarations(url);
  }

  @AfterEach
  void drop() throws Exception {
    dropDatabase();
  }

  void ingest(Event... events) {
    TestDatabases.ingest(url, tmp, List.of(events));
  }

  TriggerEngine engine(int threads, Duration limit, int batchSize, Trigger... triggers) {
    return engine(threads, limit, batchSize, TriggerRegistry.of(List.of(triggers), List.of()));
  }

  TriggerEngine engine(int threads, Duration limit, int batchSize, TriggerRegistry registry) {
    TriggerResultsListener listener = notified::add;
    return TriggerEngine.open(
        url,
        registry,
        new TriggerEngine.Settings(threads, limit, batchSize, 100),
        listener,
        Clock.systemUTC());
  }

  static final String RESULT_COLUMNS =
      "SELECT run_id, phase, position, trigger_name, status, value, threshold, message, alert"
          + " FROM trigger_results";

  @Test
  void aRunOfADeclaredComponentIsPendingFromItsIngestOn() throws Exception {
    db.declare("featurize", "before_run", 0, "at_most", "{\"variable\":\"rows\",\"max\":\"100\"}");
    ingest(
        run("f-1", "featurize").at(0, 1).build(),
        run("o-1", "other").at(0, 1).build(),
        run("f-2", "featurize").at(10, 11).build());

    assertEquals(
        List.of("f-1", "f-2"), db.rows("SELECT run_id FROM trigger_pending ORDER BY run_id"));
  }

  @Test
  void aComponentDeclaredInTheRunsBatchQueuesThemAndTheBuiltInsEvaluateThem() throws Exception {
    TriggerDecl sla =
        new TriggerDecl(
            "after_run",
            "metric_threshold",
            false,
            Map.of("variable", "accuracy", "op", ">=", "value", "0.9"),
            null,
            "pipeline.yaml:7");
    ingest(
        new ComponentEvent("evaluate", "d", "o", List.of(), List.of(), List.of(sla), null),
        run("e-1", "evaluate").at(0, 1).output(number("accuracy", "0.85")).build(),
        run("e-2", "evaluate").at(2, 3).output(number("accuracy", "0.95")).build());
    assertEquals(
        List.of("e-1", "e-2"), db.rows("SELECT run_id FROM trigger_pending ORDER BY run_id"));

    try (TriggerEngine engine = engine(2, Duration.ofSeconds(5), 200, TriggerRegistry.load(null))) {
      assertEquals(2, engine.evaluateAllPending());
    }

    // metric_threshold alerts by default: the declaration says nothing, so alert is true.
    assertEquals(
        List.of(
            "e-1|after_run|0|metric_threshold|fail|0.85|0.9|true",
            "e-2|after_run|0|metric_threshold|pass|0.95|0.9|true"),
        db.rows(
            "SELECT run_id, phase, position, trigger_name, status, value, threshold, alert"
                + " FROM trigger_results ORDER BY run_id"));
  }

  static CapturedValue number(String name, String text) {
    return new CapturedValue(name, ValueKind.DOUBLE, text, null, "java.lang.Double", -1);
  }

  @Test
  void everyDeclarationIsEvaluatedAndFailuresAndTimeLimitsAreErrors() throws Exception {
    db.declare("featurize", "before_run", 0, "at_most", "{\"variable\":\"rows\",\"max\":\"100\"}");
    db.declare("featurize", "after_run", 0, "boom", "{}");
    db.declare("featurize", "after_run", 1, "slow", "{}");
    db.declare("featurize", "after_run", 2, "history_size", "{}");
    db.declare("featurize", "after_run", 3, "sla", "{}");
    db.declare("featurize", "after_run", 4, "sla", false, "{}", false, "f.yaml:30");
    ingest(
        run("f-1", "featurize").at(0, 1).input(longValue("rows", 50)).build(),
        run("f-2", "featurize").at(10, 11).input(longValue("rows", 150)).build());

    try (TriggerEngine engine =
        engine(
            2,
            Duration.ofMillis(300),
            200,
            new TestTriggers.AtMost(),
            new TestTriggers.Boom(),
            new TestTriggers.Slow(),
            new TestTriggers.HistorySize(),
            new TestTriggers.AlwaysFailsAlerting())) {
      assertEquals(2, engine.evaluateAllPending());
    }

    assertEquals(
        List.of(
            "f-1|after_run|0|boom|error|null|null|the trigger threw java.lang.IllegalStateException: kaput|false",
            "f-1|after_run|1|slow|error|null|null|exceeded the time limit of 300 ms|false",
            "f-1|after_run|2|history_size|pass|0.0|null||false",
            "f-1|after_run|3|sla|fail|0.5|0.9|0.5 < 0.9|true",
            "f-1|after_run|4|sla|fail|0.5|0.9|0.5 < 0.9|false",
            "f-1|before_run|0|at_most|pass|50.0|100.0|50.0 vs at most 100.0|false",
            "f-2|after_run|0|boom|error|null|null|the trigger threw java.lang.IllegalStateException: kaput|false",
            "f-2|after_run|1|slow|error|null|null|exceeded the time limit of 300 ms|false",
            "f-2|after_run|2|history_size|pass|1.0|null|f-1|false",
            "f-2|after_run|3|sla|fail|0.5|0.9|0.5 < 0.9|true",
            "f-2|after_run|4|sla|fail|0.5|0.9|0.5 < 0.9|false",
            "f-2|before_run|0|at_most|fail|150.0|100.0|150.0 vs at most 100.0|false"),
        db.rows(RESULT_COLUMNS + " ORDER BY run_id, phase, position"));
    for (String micros :
        db.rows("SELECT duration_micros FROM trigger_results WHERE trigger_name = 'slow'")) {
      assertTrue(Long.parseLong(micros) >= 300_000, micros);
    }
    assertEquals(0, db.count("SELECT COUNT(*) FROM trigger_pending"));
    assertEquals(List.of(List.of("f-1", "f-2")), notified);
  }

  @Test
  void samplesHashesAndSummariesReachTheTriggerAndItsHistory() throws Exception {
    db.declare("s", "after_run", 0, "probe", "{\"variable\":\"fares\"}");
    ValueSummary first =
        new ValueSummary("number", "all", 3, 3, 0, 0, 1, 3, 2, 0.8, 3)
            .withExtras(new double[] {1, 2, 3}, new long[] {11, 12, 13});
    ValueSummary second =
        new ValueSummary("number", "all", 2, 2, 0, 0, 4, 5, 4.5, 0.5, 2)
            .withExtras(new double[] {4, 5}, new long[] {21});
    ingest(
        run("s-1", "s").at(0, 1).output(summarized("fares", "mem://a/double[]@1", first)).build(),
        run("s-2", "s").at(2, 3).output(summarized("fares", "mem://a/double[]@2", second)).build());

    try (TriggerEngine engine =
        engine(2, Duration.ofSeconds(5), 200, new TestTriggers.SampleProbe())) {
      assertEquals(2, engine.evaluateAllPending());
    }

    // s-1: 1+2+3 = 6 over 3 hashes; s-2: 4+5 = 9 over 1 hash, and its history's sample sums to 6.
    assertEquals(
        List.of(
            "s-1|6.0|3.0|mean=2.0 count=3 previous=none",
            "s-2|9.0|1.0|mean=4.5 count=2 previous=6.0"),
        db.rows("SELECT run_id, value, threshold, message FROM trigger_results ORDER BY run_id"));
  }

  static CapturedValue summarized(String name, String pointer, ValueSummary summary) {
    return new CapturedValue(
        name, ValueKind.POINTER, pointer, "data", "double[]", summary.count(), summary, null);
  }

  @Test
  void aTriggerThatIgnoresTheTimeLimitHoldsOnlyItsOwnThread() throws Exception {
    db.declare("s", "after_run", 0, "stuck", "{}");
    db.declare("s", "after_run", 1, "at_most", "{\"variable\":\"rows\",\"max\":\"9\"}");
    ingest(
        run("s-1", "s").at(0, 1).input(longValue("rows", 1)).build(),
        run("s-2", "s").at(2, 3).input(longValue("rows", 2)).build());
    TestTriggers.Stuck stuck = new TestTriggers.Stuck();

    try (TriggerEngine engine =
        engine(1, Duration.ofMillis(200), 200, stuck, new TestTriggers.AtMost())) {
      assertEquals(2, engine.evaluateAllPending());
    } finally {
      stuck.release.countDown();
    }

    assertEquals(
        List.of(
            "s-1|0|error|exceeded the time limit of 200 ms",
            "s-1|1|pass|1.0 vs at most 9.0",
            "s-2|0|error|exceeded the time limit of 200 ms",
            "s-2|1|pass|2.0 vs at most 9.0"),
        db.rows(
            "SELECT run_id, position, status, message FROM trigger_results"
                + " ORDER BY run_id, position"));
  }

  @Test
  void resultsAreStoredExactlyOnceAcrossARestart() throws Exception {
    db.declare("h", "after_run", 0, "history_size", "{}");
    ingest(
        run("h-1", "h").at(0, 1).build(),
        run("h-2", "h").at(2, 3).build(),
        run("h-3", "h").at(4, 5).build());

    try (TriggerEngine first =
        engine(2, Duration.ofSeconds(5), 2, new TestTriggers.HistorySize())) {
      assertEquals(2, first.evaluateBatch());
    } // stopped after one batch, as by a kill between batches
    assertEquals(List.of("h-3"), db.rows("SELECT run_id FROM trigger_pending"));
    try (TriggerEngine second =
        engine(2, Duration.ofSeconds(5), 2, new TestTriggers.HistorySize())) {
      assertEquals(1, second.evaluateAllPending());
      assertEquals(0, second.evaluateAllPending());
    }
    assertEquals(
        List.of("h-1|0.0", "h-2|1.0", "h-3|2.0"),
        db.rows("SELECT run_id, value FROM trigger_results ORDER BY run_id"));

    // An engine that evaluated h-1 again (say a second collector) finds its pending row gone and
    // stores nothing.
    try (Database database = Database.open(url, Database.Access.EXISTING)) {
      TriggerOutcome again =
          new TriggerOutcome(
              "h-1",
              "after_run",
              0,
              "h",
              "history_size",
              "pass",
              9.0,
              null,
              "again",
              false,
              Instant.now(),
              1);
      assertEquals(Set.of(), new TriggerStore(database).store(List.of("h-1"), List.of(again)));
    }
    assertEquals(
        List.of("h-1|0.0"),
        db.rows("SELECT run_id, value FROM trigger_results WHERE run_id = 'h-1'"));
  }

  @Test
  void historyIsReadOncePerComponentPerBatch() throws Exception {
    db.declare("a", "after_run", 0, "history_size", "{}");
    db.declare("b", "after_run", 0, "history_size", "{}");
    ingest(
        run("a-1", "a").at(0, 1).build(),
        run("b-1", "b").at(0, 1).build(),
        run("a-2", "a").at(2, 3).build(),
        run("b-2", "b").at(2, 3).build(),
        run("a-3", "a").at(4, 5).build(),
        run("b-3", "b").at(4, 5).build());

    try (TriggerEngine engine =
        engine(2, Duration.ofSeconds(5), 200, new TestTriggers.HistorySize())) {
      assertEquals(6, engine.evaluateAllPending());
      assertEquals(2, engine.historyQueries());

      // Two more runs of a: their history reaches back past the batch to the runs evaluated before.
      ingest(run("a-4", "a").at(6, 7).build(), run("a-5", "a").at(8, 9).build());
      assertEquals(2, engine.evaluateAllPending());
      assertEquals(3, engine.historyQueries());
    }
    assertEquals(
        List.of(
            "a-1|0.0|",
            "a-2|1.0|a-1",
            "a-3|2.0|a-2,a-1",
            "a-4|3.0|a-3,a-2,a-1",
            "a-5|4.0|a-4,a-3,a-2,a-1",
            "b-1|0.0|",
            "b-2|1.0|b-1",
            "b-3|2.0|b-2,b-1"),
        db.rows("SELECT run_id, value, message FROM trigger_results ORDER BY run_id"));
  }

  @Test
  void aWrongDeclarationGivesErrorResultsNamingItsSource() throws Exception {
    db.declare(
        "p",
        "before_run",
        0,
        "at_mots",
        false,
        "{\"variable\":\"rows\"}",
        null,
        "pipeline.yaml:12");
    db.declare(
        "p",
        "before_run",
        1,
        "at_most",
        false,
        "{\"variable\":\"rows\"}",
        true,
        "pipeline.yaml:15");
    db.declare("p", "after_run", 0, "tip_rate", true, "{}", null, "pipeline.yaml:20");
    ingest(run("p-1", "p").at(0, 1).build(), run("p-2", "p").at(2, 3).build());

    try (TriggerEngine engine = engine(2, Duration.ofSeconds(5), 200, new TestTriggers.AtMost())) {
      assertEquals(2, engine.evaluateAllPending());
    }

    List<String> expected = new ArrayList<>();
    for (String run : List.of("p-1", "p-2")) {
      expected.add(
          run
              + "|after_run|0|tip_rate|error|no user trigger named 'tip_rate' on the --plugins path"
              + " (no plugin triggers are loaded) (declared at pipeline.yaml:20)|false");
      expected.add(
          run
              + "|before_run|0|at_mots|error|no built-in trigger named 'at_mots'"
              + " (did you mean 'at_most'?) (declared at pipeline.yaml:12)|false");
      expected.add(
          run
              + "|before_run|1|at_most|error|missing argument 'max'"
              + " (declared at pipeline.yaml:15)|true");
    }
    assertEquals(
        expected,
        db.rows(
            "SELECT run_id, phase, position, trigger_name, status, message, alert"
                + " FROM trigger_results ORDER BY run_id, phase, position"));
  }
}
