package org.mltrace.collector.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.truth.TaskEvents.T0;
import static org.mltrace.collector.truth.TaskEvents.list;
import static org.mltrace.collector.truth.TaskEvents.predictions;
import static org.mltrace.collector.truth.TaskEvents.scoreTask;
import static org.mltrace.collector.truth.TaskEvents.tip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.ingest.QueueDrainer;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.store.JdbcTaskStore;
import org.mltrace.collector.store.TaskDefinition;
import org.mltrace.collector.testing.TestQueues;

/**
 * Tasks on a real database, fed through real queues and the real drain (and the feedback file
 * import), checked against values computed by hand. Subclasses give the database (H2, PostgreSQL).
 *
 * <p>The eight trips t1..t8 are scored 0.9, 0.8, ..., 0.1 (t5 is 0.4) and tipped 1 1 0 1 0 1 0 0:
 * at threshold 0.5, TP t1 t2 t4, FP t3, FN t6, TN t5 t7 t8; AUC 13/16 (see WindowCountsTest).
 */
abstract class GroundTruthContract {
  static final List<String> IDS = list("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8");
  static final List<String> SCORES = list("0.9", "0.8", "0.7", "0.6", "0.4", "0.3", "0.2", "0.1");
  static final boolean[] TIPPED = {true, true, false, true, false, true, false, false};

  @TempDir Path tmp;
  private Database database;
  private JdbcIngestStore store;
  private int queues;
  private final List<AlertEvent> sent = new ArrayList<>();

  abstract String url() throws Exception;

  void dropDatabase() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    database = Database.open(url(), Database.Access.CREATE);
    store = new JdbcIngestStore(database);
  }

  @AfterEach
  void close() throws Exception {
    database.close();
    dropDatabase();
  }

  /** Drains the events through a fresh queue, as of {@code now}. */
  void drain(Instant now, List<? extends Event> events) {
    Path queue = tmp.resolve("queue-" + queues++);
    TestQueues.write(queue, events);
    try (QueueDrainer d =
        new QueueDrainer(store, queue, 500, Clock.fixed(now, ZoneOffset.UTC), sent::addAll)) {
      d.drainAvailable();
    }
  }

  static List<RunEvent> tips(double endSeconds) {
    List<RunEvent> runs = new ArrayList<>();
    for (int i = 0; i < IDS.size(); i++) {
      runs.add(tip("tip-" + (int) endSeconds + "-" + i, endSeconds + i, IDS.get(i), TIPPED[i]));
    }
    return runs;
  }

  TaskReport report() {
    return TaskReport.of(database, "tips", 100);
  }

  Map<String, Double> latest() {
    return report().series().get(0).metrics(); // newest first
  }

  TaskEvaluator.Evaluation[] evaluateBothWays(Instant asOf) {
    try (JdbcTaskStore ledger = JdbcTaskStore.of(database)) {
      TaskDefinition t = ledger.all().get("tips");
      return new TaskEvaluator.Evaluation[] {
        TaskEvaluator.evaluate(ledger, t, asOf), TaskEvaluator.recompute(ledger, t, asOf)
      };
    }
  }

  @Test
  void batchPredictionsJoinedToFeedbackRunsGiveTheHandComputedMetrics() {
    List<Event> events = new ArrayList<>();
    events.add(scoreTask(7 * 86_400, 0, List.of()));
    events.add(predictions("predict-1", 10, IDS, SCORES));
    events.addAll(tips(100));
    drain(T0.plusSeconds(200), events);

    TaskReport r = report();
    assertEquals(8, r.joinedTotal());
    assertEquals(1, r.series().size(), "one evaluation per batch that changed the task");
    assertEquals(8, r.series().get(0).labelled());
    Map<String, Double> m = latest();
    assertEquals(0.75, m.get("accuracy"), 1e-12);
    assertEquals(0.75, m.get("precision"), 1e-12);
    assertEquals(0.75, m.get("recall"), 1e-12);
    assertEquals(0.75, m.get("f1"), 1e-12);
    assertEquals(13 / 16.0, m.get("auc"), 1e-12);
  }

  /**
   * {@code prediction: {component: predict, id: scores, value: scores}} on a Map of id to score.
   */
  @Test
  void aMapOfIdToScoreIsReadAsPairs() {
    TaskEvent byPosition = scoreTask(7 * 86_400, 0, List.of());
    TaskEvent map =
        new TaskEvent(
            byPosition.name(),
            byPosition.kind(),
            byPosition.threshold(),
            byPosition.predictionComponent(),
            "scores",
            "scores",
            byPosition.feedbackComponent(),
            byPosition.feedbackId(),
            byPosition.feedbackLabel(),
            byPosition.windowSeconds(),
            byPosition.windowLast(),
            byPosition.maxPairs(),
            byPosition.slas(),
            byPosition.source());
    List<Event> events = new ArrayList<>();
    events.add(map);
    events.add(TaskEvents.mapPredictions("predict-1", 10, IDS, SCORES));
    events.addAll(tips(100));
    drain(T0.plusSeconds(200), events);

    assertEquals(8, report().joinedTotal());
    Map<String, Double> m = latest();
    assertEquals(0.75, m.get("accuracy"), 1e-12); // as from the parallel lists
    assertEquals(13 / 16.0, m.get("auc"), 1e-12);
  }

  @Test
  void aLatePredictionJoinsLabelsThatWaitedForIt() {
    drain(T0.plusSeconds(200), List.of(scoreTask(7 * 86_400, 0, List.of())));
    drain(T0.plusSeconds(200), tips(100));
    assertTrue(report().series().isEmpty(), "labels alone change no metric");
    assertEquals(8, report().waiting());
    drain(T0.plusSeconds(300), List.of(predictions("predict-1", 250, IDS, SCORES)));
    assertEquals(13 / 16.0, latest().get("auc"), 1e-12);
    assertEquals(8, report().series().get(0).labelled());
    assertEquals(0, report().waiting());
  }

  @Test
  void aFeedbackFileIsIdempotentAndALaterLabelReplacesTheEarlierOne() throws Exception {
    drain(
        T0.plusSeconds(20),
        List.of(scoreTask(7 * 86_400, 0, List.of()), predictions("predict-1", 10, IDS, SCORES)));
    Path file = tmp.resolve("tips.csv");
    StringBuilder csv = new StringBuilder("id,label,time\n");
    for (int i = 0; i < IDS.size(); i++) {
      csv.append(IDS.get(i))
          .append(',')
          .append(TIPPED[i] ? "yes" : "no")
          .append(",2026-01-01T01:00:00Z\n");
    }
    Files.writeString(file, csv);
    FeedbackImport.Result first =
        FeedbackImport.run(store, file, "tips", Clock.fixed(T0.plusSeconds(4000), ZoneOffset.UTC));
    FeedbackImport.Result again =
        FeedbackImport.run(store, file, "tips", Clock.fixed(T0.plusSeconds(5000), ZoneOffset.UTC));
    assertEquals(8, first.joined());
    assertEquals(first.metrics(), again.metrics());
    assertEquals(8, again.labelled());
    assertEquals(0.75, again.metrics().get("recall"), 1e-12);

    // t6 was not tipped after all (a later label): TP 3, FP 1, FN 0, TN 4.
    Path fix = tmp.resolve("fix.csv");
    Files.writeString(fix, "id,label,time\nt6,0,2026-01-02T00:00:00Z\n");
    FeedbackImport.Result fixed =
        FeedbackImport.run(store, fix, null, Clock.fixed(T0.plusSeconds(6000), ZoneOffset.UTC));
    assertEquals(8, fixed.labelled());
    assertEquals(7 / 8.0, fixed.metrics().get("accuracy"), 1e-12);
    assertEquals(1.0, fixed.metrics().get("recall"), 1e-12);
    assertEquals(6 / 7.0, fixed.metrics().get("f1"), 1e-12);
    assertEquals(14 / 15.0, fixed.metrics().get("auc"), 1e-12);
    // The older file again does not undo the correction: the later label wins.
    FeedbackImport.Result old =
        FeedbackImport.run(store, file, "tips", Clock.fixed(T0.plusSeconds(7000), ZoneOffset.UTC));
    assertEquals(fixed.metrics(), old.metrics());
  }

  @Test
  void aBadFeedbackFileNamesEachBadLineAndStoresNothing() throws Exception {
    drain(
        T0.plusSeconds(20),
        List.of(scoreTask(7 * 86_400, 0, List.of()), predictions("predict-1", 10, IDS, SCORES)));
    Path file = tmp.resolve("bad.csv");
    Files.writeString(file, "id,label\nt1,1\nt2,maybe\n,1\nt4,1,extra\n");
    TaskException e =
        assertThrows(
            TaskException.class,
            () ->
                FeedbackImport.run(
                    store, file, "tips", Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC)));
    assertEquals(
        List.of(
            file + ":3: label 'maybe' is not 1/0, true/false, yes/no or a number (a score)",
            file + ":4: the id is empty",
            file + ":5: expected 2 fields (id,label), found 3"),
        e.problems());
    assertTrue(report().series().isEmpty(), "nothing stored, not even t1");
    TaskException unknown =
        assertThrows(
            TaskException.class,
            () ->
                FeedbackImport.run(
                    store, file, "tip", Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC)));
    assertEquals(
        "unknown task 'tip' (did you mean 'tips'?); known tasks: [tips]", unknown.getMessage());
  }

  @Test
  void aDurationWindowDropsPredictionsOlderThanTheWindow() {
    // Window 1 h: t1..t4 predicted at T0 + 10 s, t5..t8 at T0 + 2 h.
    drain(
        T0.plusSeconds(7300),
        List.of(
            scoreTask(3600, 0, List.of()),
            predictions("predict-1", 10, IDS.subList(0, 4), SCORES.subList(0, 4)),
            predictions("predict-2", 7200, IDS.subList(4, 8), SCORES.subList(4, 8))));
    drain(T0.plusSeconds(7300), tips(7210));
    // As of T0 + 7300 s only t5..t8 are inside: TN t5 t7 t8, FN t6; the positive 0.3 beats 0.2 and
    // 0.1 of 3 negatives.
    TaskEvaluator.Evaluation now = evaluateBothWays(T0.plusSeconds(7300))[0];
    assertEquals(4, now.labelled());
    assertEquals(0.75, now.metrics().get("accuracy"), 1e-12);
    assertTrue(now.metrics().get("precision").isNaN());
    assertEquals(0.0, now.metrics().get("recall"), 1e-12);
    assertEquals(2 / 3.0, now.metrics().get("auc"), 1e-12);
    // As of T0 + 3000 s all eight were made within the hour (the later ones after it, too).
    assertEquals(8, evaluateBothWays(T0.plusSeconds(3000))[0].labelled());
    // Past the edge of t1..t4's bucket by one second: exactly the four later ones.
    assertEquals(4, evaluateBothWays(T0.plusSeconds(3611))[0].labelled());
    assertEquals(8, evaluateBothWays(T0.plusSeconds(3610))[0].labelled());
  }

  @Test
  void aLastNWindowHoldsTheLastJoinedPairs() {
    drain(
        T0.plusSeconds(20),
        List.of(scoreTask(0, 3, List.of()), predictions("predict-1", 10, IDS, SCORES)));
    drain(T0.plusSeconds(200), tips(100)); // joined in order t1..t8
    TaskEvaluator.Evaluation e = evaluateBothWays(T0.plusSeconds(200))[0];
    // t6 t7 t8: scores 0.3 0.2 0.1, tipped 1 0 0: TN 2, FN 1; 0.3 beats both negatives.
    assertEquals(3, e.labelled());
    assertEquals(2 / 3.0, e.metrics().get("accuracy"), 1e-12);
    assertEquals(0.0, e.metrics().get("recall"), 1e-12);
    assertEquals(1.0, e.metrics().get("auc"), 1e-12);
  }

  @Test
  void aChangedWindowRecountsTheBucketsFromThePairs() {
    drain(
        T0.plusSeconds(20),
        List.of(scoreTask(0, 3, List.of()), predictions("predict-1", 10, IDS, SCORES)));
    drain(T0.plusSeconds(200), tips(100));
    assertEquals(3, evaluateBothWays(T0.plusSeconds(200))[0].labelled());
    drain(T0.plusSeconds(300), List.of(scoreTask(7 * 86_400, 0, List.of())));
    TaskEvaluator.Evaluation[] both = evaluateBothWays(T0.plusSeconds(300));
    assertEquals(8, both[0].labelled());
    assertEquals(both[1].metrics(), both[0].metrics());
    assertEquals(13 / 16.0, latest().get("auc"), 1e-12, "the recount is stored as a point");
  }

  @Test
  void aTaskThisCollectorCannotUseIsDeadLetteredWithItsLine() throws Exception {
    TaskEvent bad =
        new TaskEvent(
            "tips",
            "scores",
            0.5,
            "predict",
            "tripIds",
            "scores",
            null,
            null,
            null,
            3600,
            0,
            10,
            List.of(),
            "taxi.yaml:40");
    drain(T0, List.of(bad));
    try (Statement st = database.connection().createStatement();
        ResultSet rs = st.executeQuery("SELECT reason FROM dead_letters")) {
      assertTrue(rs.next());
      assertEquals(
          "task 'tips' (taxi.yaml:40): unknown kind 'scores'; expected one of [binary, score, regression]",
          rs.getString(1));
    }
    assertTrue(TaskReport.names(database).isEmpty());
  }

  @Test
  void replayedRunsAreNotJoinedTwice() {
    List<Event> events = new ArrayList<>();
    events.add(scoreTask(7 * 86_400, 0, List.of()));
    events.add(predictions("predict-1", 10, IDS, SCORES));
    events.addAll(tips(100));
    drain(T0.plusSeconds(200), events);
    drain(T0.plusSeconds(300), events); // the same runs from another queue: already stored
    TaskReport r = report();
    assertEquals(8, r.joinedTotal());
    assertEquals(8, r.series().get(0).labelled());
    assertEquals(0.75, latest().get("accuracy"), 1e-12);
  }

  @Test
  void anSlaAlertOpensWhenItBreaksAndResolvesWhenItHoldsAgain() throws Exception {
    TaskEvent task =
        scoreTask(
            7 * 86_400, 0, List.of(new TaskEvent.Sla("recall", ">=", 0.9, true, "taxi.yaml:44")));
    List<Event> events = new ArrayList<>();
    events.add(task);
    events.add(predictions("predict-1", 10, IDS, SCORES));
    events.addAll(tips(100));
    drain(T0.plusSeconds(200), events); // recall 0.75
    assertEquals(1, sent.size());
    assertEquals(AlertEvent.Type.OPENED, sent.get(0).type());
    assertEquals("task:tips", sent.get(0).component());
    assertEquals("recall >= 0.9", sent.get(0).trigger());
    assertEquals(List.of("fail"), report().slaStates());
    drain(T0.plusSeconds(300), List.of(tip("tip-late", 250, "t9-unknown", true)));
    assertEquals(1, sent.size(), "a label without prediction changes nothing");
    // Still failing: t3 relabelled tipped makes recall 4/5; no second page.
    drain(T0.plusSeconds(400), List.of(tip("tip-t3", 350, "t3", true)));
    assertEquals(1, sent.size());
    // t6 not tipped after all: recall 4/4.
    drain(T0.plusSeconds(500), List.of(tip("tip-t6", 450, "t6", false)));
    assertEquals(2, sent.size());
    assertEquals(AlertEvent.Type.RESOLVED, sent.get(1).type());
    assertEquals(List.of("pass"), report().slaStates());
    try (Statement st = database.connection().createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT status, opened_by_run, resolved_by_run FROM alerts WHERE component = 'task:tips'")) {
      assertTrue(rs.next());
      assertEquals("resolved", rs.getString(1));
      assertEquals("task:tips#1", rs.getString(2));
      assertEquals("task:tips#3", rs.getString(3));
    }
  }

  @Test
  void incrementalMetricsEqualAFullRecomputationOnRandomHistories() {
    Random random = new Random(42);
    for (long[] window : new long[][] {{3600, 0}, {0, 200}}) {
      List<Event> declare =
          List.of(
              new TaskEvent(
                  "tips",
                  TaskEvent.SCORE,
                  0.4,
                  "predict",
                  "tripIds",
                  "scores",
                  "tip",
                  "tripId",
                  "tipped",
                  window[0],
                  window[1],
                  10_000,
                  List.of(),
                  null));
      drain(T0, declare);
      double clock = 0;
      for (int batch = 0; batch < 12; batch++) {
        List<Event> events = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
          clock += random.nextInt(900);
          List<String> ids = new ArrayList<>();
          List<String> scores = new ArrayList<>();
          for (int j = 0; j < 20; j++) {
            ids.add("w" + window[1] + "-" + random.nextInt(300));
            scores.add(String.valueOf(random.nextInt(1000) / 1000.0));
          }
          events.add(predictions("p-" + window[1] + "-" + batch + "-" + k, clock, ids, scores));
          for (int j = 0; j < 25; j++) {
            clock += 1;
            events.add(
                tip(
                    "l-" + window[1] + "-" + batch + "-" + k + "-" + j,
                    clock,
                    "w" + window[1] + "-" + random.nextInt(300),
                    random.nextBoolean()));
          }
        }
        Instant asOf = T0.plusSeconds((long) clock + random.nextInt(600));
        drain(asOf, events);
        TaskEvaluator.Evaluation[] both = evaluateBothWays(asOf);
        assertEquals(
            both[1].labelled(),
            both[0].labelled(),
            "window " + window[0] + "/" + window[1] + " batch " + batch);
        for (Map.Entry<String, Double> m : both[1].metrics().entrySet()) {
          assertEquals(
              m.getValue(),
              both[0].metrics().get(m.getKey()),
              1e-9,
              m.getKey() + " in batch " + batch);
        }
      }
      assertTrue(
          evaluateBothWays(T0.plusSeconds((long) clock))[0].labelled() > 50,
          "the test joined enough pairs");
      try (Statement st = database.connection().createStatement()) {
        st.execute("DELETE FROM tasks");
        st.execute("DELETE FROM task_pairs");
        st.execute("DELETE FROM task_buckets");
      } catch (java.sql.SQLException e) {
        throw new AssertionError(e);
      }
    }
  }
}
