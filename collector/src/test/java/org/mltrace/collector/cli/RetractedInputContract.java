package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.RunDetail;
import org.mltrace.collector.store.TriggerOutcome;
import org.mltrace.collector.testing.TestQueues;

/**
 * {@code retracted_input} through the real engine: a run stored after its data's label was
 * retracted fails it (and opens an alert, its default); one stored before passes. Once any label is
 * retracted it is on for every component, declared or not. Subclasses give the database.
 */
abstract class RetractedInputContract {
  @TempDir Path tmp;

  abstract String url();

  private static final TriggerDecl RETRACTED_INPUT =
      new TriggerDecl("after_run", "retracted_input", false, Map.of(), null, "pipeline.yaml:7");

  private static TriggerOutcome result(QueryService q, String runId) {
    RunDetail d = q.inspect(runId);
    return d.triggers().stream()
        .filter(t -> t.triggerName().equals("retracted_input"))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no retracted_input result on " + runId + ": " + d.triggers()));
  }

  /** collect --once: drains the queue and waits for the drained runs' triggers. */
  private static void collect(Path dir, String db, List<Event> events) {
    Path queue = dir.resolve("queue");
    TestQueues.write(queue, events);
    MltraceCommandTest.Result r =
        MltraceCommandTest.mltrace("collect", "--queue", queue.toString(), "--once", "--db", db);
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void aRunDerivedFromRetractedDataFailsAndOneDerivedFromOtherDataPasses() throws Exception {
    String db = url();
    List<Event> first =
        List.of(
            new ComponentEvent(
                "train", "fits", "ml", List.of(), List.of(), List.of(RETRACTED_INPUT), null),
            run("prep-1", "prep")
                .at(0, 1)
                .reads("raw", "/raw.csv")
                .writes("return", "/clean.csv")
                .build(),
            run("prep-2", "prep")
                .at(0, 1)
                .reads("raw", "/other.csv")
                .writes("return", "/other-clean.csv")
                .build(),
            run("train-1", "train").at(2, 3).reads("in", "/clean.csv").build());
    collect(tmp.resolve("a"), db, first);
    try (QueryService q = QueryService.open(db)) {
      assertEquals("pass", result(q, "train-1").status());
      LabelQuery labels = new LabelQuery(q);
      labels.add("/raw.csv", "client-9");
      labels.retract("client-9");
    }
    collect(
        tmp.resolve("b"),
        db,
        List.of(
            run("train-2", "train").at(4, 5).reads("in", "/clean.csv").build(),
            run("train-3", "train").at(4, 5).reads("in", "/other-clean.csv").build()));
    try (QueryService q = QueryService.open(db)) {
      TriggerOutcome failed = result(q, "train-2");
      assertEquals("fail", failed.status());
      assertEquals(1.0, failed.value());
      assertEquals(
          true,
          failed
              .message()
              .startsWith(
                  "derives from /raw.csv, labelled 'client-9', whose retraction (a deletion request) was"
                      + " recorded at "),
          failed.message());
      assertEquals(true, failed.alert(), "alerts by default");
      assertEquals("pass", result(q, "train-3").status());
      assertEquals("pass", result(q, "train-1").status(), "evaluated before the retraction");
    }
  }

  @Test
  void onceALabelIsRetractedEveryComponentGetsItWithoutDeclaringIt() throws Exception {
    String db = url();
    TriggerDecl quiet =
        new TriggerDecl("after_run", "retracted_input", false, Map.of(), false, "pipeline.yaml:9");
    collect(
        tmp.resolve("a"),
        db,
        List.of(
            new ComponentEvent(
                "score", "scores", "ml", List.of(), List.of()), // declares no trigger
            new ComponentEvent(
                "report", "reports", "ml", List.of(), List.of(), List.of(quiet), null),
            run("prep-1", "prep")
                .at(0, 1)
                .reads("raw", "/raw.csv")
                .writes("return", "/clean.csv")
                .build(),
            run("score-1", "score").at(2, 3).reads("in", "/clean.csv").build()));
    try (QueryService q = QueryService.open(db)) {
      assertEquals(
          List.of(), q.inspect("score-1").triggers(), "no retraction yet: no trigger at all");
      LabelQuery labels = new LabelQuery(q);
      labels.add("/raw.csv", "client-9");
      labels.retract("client-9");
    }
    collect(
        tmp.resolve("b"),
        db,
        List.of(
            run("score-2", "score").at(4, 5).reads("in", "/clean.csv").build(),
            run("score-3", "score").at(4, 5).reads("in", "/elsewhere.csv").build(),
            run("report-1", "report").at(4, 5).reads("in", "/clean.csv").build()));
    try (QueryService q = QueryService.open(db)) {
      TriggerOutcome failed = result(q, "score-2");
      assertEquals("fail", failed.status());
      assertEquals("after_run", failed.phase());
      assertEquals(true, failed.alert(), "the trigger's default");
      assertEquals("pass", result(q, "score-3").status());
      List<TriggerOutcome> own = q.inspect("report-1").triggers();
      assertEquals(1, own.size(), "its own declaration, not a second one: " + own);
      assertEquals("fail", own.get(0).status());
      assertEquals(false, own.get(0).alert(), "as declared");
      assertEquals(
          List.of(), q.inspect("score-1").triggers(), "stored before: not evaluated again");
      assertEquals(
          List.of("retracted_input"),
          q.inspect("score-1").stale().stream().map(r -> r.kind().key()).distinct().toList(),
          "but stale");
    }
  }
}
