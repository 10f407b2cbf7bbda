package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.RunRow;

/**
 * The overview and analysis queries on {@link ReviewHistory}, with hand-computed answers.
 * Subclasses give the database (H2, PostgreSQL), filled with the history, with /out/p1..p3 flagged
 * and predict tagged critical by {@link #annotate}.
 */
abstract class AnalysisQueriesContract {
  abstract String url();

  static void annotate(String url) {
    try (QueryService q = QueryService.open(url)) {
      Annotations a = new Annotations(q);
      a.flag("/out/p1.csv", "too low");
      a.flag("/out/p2.csv", null);
      a.flag("/out/p3.csv", null);
      a.flag("/out/p4.csv", "by mistake");
      assertTrue(a.unflag("/out/p4.csv"));
      assertFalse(a.unflag("/out/p4.csv"));
      assertTrue(a.tag("predict", "critical"));
      assertFalse(a.tag("predict", "critical"));
      assertFalse(a.tag("predict", "serving")); // declared in the YAML already
    }
    // two results of predict's psi trigger, as the trigger engine stores them
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      st.executeUpdate(
          "INSERT INTO trigger_results (run_id, phase, position, component, trigger_name, status,"
              + " value, threshold, message, alert, evaluated_at, duration_micros) VALUES"
              + " ('predict-1', 'after_run', 0, 'predict', 'psi', 'pass', 0.05, 0.2, NULL, FALSE,"
              + "  TIMESTAMP WITH TIME ZONE '2026-01-01 00:01:00+00', 10),"
              + " ('predict-2', 'after_run', 0, 'predict', 'psi', 'fail', 0.3, 0.2, 'drift', FALSE,"
              + "  TIMESTAMP WITH TIME ZONE '2026-01-01 00:01:00+00', 10),"
              + " ('train-1', 'after_run', 0, 'train', 'range', 'fail', 7, 5, 'too big', FALSE,"
              + "  TIMESTAMP WITH TIME ZONE '2026-01-01 00:01:00+00', 10),"
              + " ('loop-1', 'after_run', 0, 'loop', 'not_null', 'fail', 0.5, 0, 'nulls', FALSE,"
              + "  TIMESTAMP WITH TIME ZONE '2026-01-01 00:01:00+00', 10)");
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private QueryService open() {
    return QueryService.open(url());
  }

  private static List<String> ids(Ranking r) {
    return r.runs().stream().map(x -> x.run().id() + ":" + x.traces()).toList();
  }

  @Test
  void reviewRanksRunsByFlaggedTracesThenRecency() {
    try (QueryService q = open()) {
      Ranking r = new ReviewQuery(q).review(List.of());
      assertEquals(
          List.of("/out/p1.csv", "/out/p2.csv", "/out/p3.csv"),
          r.traced().stream().sorted().toList());
      assertEquals(
          List.of(
              "clean-1:3", "train-1:2", "predict-3:1", "train-2:1", "predict-2:1", "predict-1:1"),
          ids(r));
      assertEquals(1, r.runs().get(0).rank());
      assertEquals(
          List.of(
              "clean-1:",
              "train-1:",
              "predict-3:",
              "train-2:",
              "predict-2:failed_trigger<train-1",
              "predict-1:failed_trigger<train-1"),
          r.runs().stream()
              .map(
                  x ->
                      x.run().id()
                          + ":"
                          + String.join(
                              ",",
                              x.stale().stream()
                                  .map(s -> s.kind().key() + "<" + s.dependencyRunId())
                                  .toList()))
              .toList());
      assertEquals("clean", r.runs().get(0).run().component());
      assertEquals(Instant.parse("2026-01-01T00:00:00Z"), r.runs().get(0).run().startTime());
    }
  }

  @Test
  void reviewOfGivenIdsTracesThoseOnly() {
    try (QueryService q = open()) {
      Ranking r = new ReviewQuery(q).review(List.of("/out/p4.csv", "predict-1", "/raw.csv"));
      assertEquals(List.of("/out/p4.csv", "predict-1", "/raw.csv"), r.traced());
      assertEquals(List.of("/raw.csv"), r.unproduced());
      assertEquals(
          List.of("clean-1:2", "predict-4:1", "train-2:1", "predict-1:1", "train-1:1"), ids(r));
      assertThrows(NotFoundException.class, () -> new ReviewQuery(q).review(List.of("/nope")));
    }
  }

  @Test
  void impactOfARawInputReachesEveryDerivedRunAndOutput() {
    try (QueryService q = open()) {
      ImpactResult i = new ImpactQuery(q).impact("/raw.csv");
      assertFalse(i.rootIsRun());
      assertEquals(
          List.of(
              "clean-1:1",
              "train-1:2",
              "predict-1:3",
              "predict-2:3",
              "train-2:2",
              "predict-3:3",
              "predict-4:3"),
          i.runs().stream().map(r -> r.run().id() + ":" + r.depth()).toList());
      assertEquals(
          List.of(
              "/d/clean.csv<[clean-1]",
              "/m/model.bin<[train-1, train-2]",
              "/out/p1.csv<[predict-1]",
              "/out/p2.csv<[predict-2]",
              "/out/p3.csv<[predict-3]",
              "/out/p4.csv<[predict-4]"),
          i.outputs().stream().map(o -> o.pointer() + "<" + o.writtenBy()).toList());
      assertEquals("model", i.outputs().get(1).type());
    }
  }

  @Test
  void impactOfARunListsItsDependentsAndAllTheirOutputs() {
    try (QueryService q = open()) {
      ImpactResult i = new ImpactQuery(q).impact("train-1");
      assertTrue(i.rootIsRun());
      assertEquals(
          List.of("predict-1", "predict-2"), i.runs().stream().map(r -> r.run().id()).toList());
      assertEquals(
          List.of("/m/model.bin", "/out/p1.csv", "/out/p2.csv"),
          i.outputs().stream().map(ImpactResult.Output::pointer).toList());
      ImpactResult loop = new ImpactQuery(q).impact("/d/loop.csv");
      assertEquals(
          List.of("loop-1:1", "loop-2:1"),
          loop.runs().stream().map(r -> r.run().id() + ":" + r.depth()).toList());
      assertEquals(List.of("loop-1", "loop-2"), loop.outputs().get(0).writtenBy());
      assertTrue(new ImpactQuery(q).impact("/out/p1.csv").runs().isEmpty());
      assertThrows(NotFoundException.class, () -> new ImpactQuery(q).impact("nope-1"));
    }
  }

  @Test
  void sliceSelectsByComponentWindowAndValue() {
    try (QueryService q = open()) {
      ReviewQuery review = new ReviewQuery(q);
      Ranking byValue =
          review.slice(
              new SliceRequest("predict", null, null, null, WherePredicate.parse("score > 0.8")));
      assertEquals(List.of("predict-2", "predict-3"), byValue.traced());
      assertEquals(
          List.of("clean-1:2", "predict-3:1", "train-2:1", "predict-2:1", "train-1:1"),
          ids(byValue));
      Ranking byTime =
          review.slice(
              new SliceRequest(
                  null,
                  "critical",
                  Instant.parse("2026-01-01T00:00:05Z"),
                  Instant.parse("2026-01-01T00:00:12Z"),
                  null));
      assertEquals(List.of("predict-2", "predict-3"), byTime.traced());
      Ranking since =
          review.slice(
              new SliceRequest(
                  "predict", "serving", Instant.parse("2026-01-01T00:00:05Z"), null, null));
      assertEquals(
          List.of(
              "clean-1:3", "train-2:2", "predict-4:1", "predict-3:1", "predict-2:1", "train-1:1"),
          ids(since));
      assertTrue(
          review.slice(new SliceRequest("predict", "nightly", null, null, null)).runs().isEmpty());
      assertThrows(
          NotFoundException.class,
          () -> review.slice(new SliceRequest("nope", null, null, null, null)));
      assertThrows(
          InvalidRequestException.class,
          () -> review.slice(new SliceRequest(null, null, null, null, null)));
    }
  }

  @Test
  void catalogListsComponentsTagsAndRecentRuns() {
    try (QueryService q = open()) {
      CatalogQuery c = new CatalogQuery(q);
      assertEquals(
          List.of("loop-2", "loop-1", "predict-4"), c.recent(3).stream().map(RunRow::id).toList());
      List<ComponentSummary> all = c.components(null, null);
      assertEquals(
          List.of(
              "clean -  [] 1 clean-1 ok",
              "loop -  [] 2 loop-2 failed",
              "predict ml-team [critical, serving] 4 predict-4 ok",
              "train -  [] 2 train-2 ok"),
          all.stream()
              .map(
                  x ->
                      x.name()
                          + " "
                          + (x.owner() == null ? "- " : x.owner())
                          + " "
                          + x.tags()
                          + " "
                          + x.runs()
                          + " "
                          + x.lastRunId()
                          + " "
                          + x.lastStatus())
              .toList());
      assertEquals(Instant.parse("2026-01-01T00:00:16Z"), all.get(1).lastRunStart());
      assertEquals(
          List.of("[]", "[failed_trigger<loop-1]", "[]", "[]"),
          all.stream()
              .map(
                  x ->
                      x.lastRunStale().stream()
                          .map(s -> s.kind().key() + "<" + s.dependencyRunId())
                          .toList()
                          .toString())
              .toList());
      assertEquals(
          List.of("predict"),
          c.components("ml-team", "critical").stream().map(ComponentSummary::name).toList());
      assertTrue(c.components("nobody", null).isEmpty());
      assertEquals(
          List.of("critical:[predict]", "serving:[predict]"),
          c.tags().stream().map(t -> t.tag() + ":" + t.components()).toList());
      assertThrows(InvalidRequestException.class, () -> c.recent(0));
    }
  }

  @Test
  void flagsAndNotesAreStoredWithTheirText() {
    try (QueryService q = open()) {
      Annotations a = new Annotations(q);
      List<Annotations.Flag> flags = a.flagged();
      assertEquals(
          List.of("/out/p1.csv:too low", "/out/p2.csv:null", "/out/p3.csv:null"),
          flags.stream().map(f -> f.pointer() + ":" + f.note()).sorted().toList());
      assertTrue(flags.stream().allMatch(f -> f.flaggedAt() != null));
      assertTrue(
          q.trace("/out/p1.csv") instanceof TraceResult.PointerTrace p && p.pointer().flag());
      a.note("train-2", "  retrained after the schema change ");
      a.note("train-2", "second");
      assertEquals(
          List.of("retrained after the schema change", "second"),
          a.notes("train-2").stream().map(Annotations.Note::text).toList());
      assertTrue(a.notes("train-1").isEmpty());
      assertThrows(NotFoundException.class, () -> a.note("nope", "x"));
      assertThrows(InvalidRequestException.class, () -> a.note("train-1", " "));
      assertThrows(NotFoundException.class, () -> a.flag("train-1", null));
      assertThrows(NotFoundException.class, () -> a.flag("/nope.csv", null));
      assertThrows(NotFoundException.class, () -> a.tag("nope", "x"));
      assertThrows(InvalidRequestException.class, () -> a.tag("train", "a,b"));
      assertNull(
          a.flagged().stream()
              .filter(f -> f.pointer().equals("/out/p4.csv"))
              .findAny()
              .orElse(null));
    }
  }

  @Test
  void traceShowsWhyEachRunIsStale() {
    try (QueryService q = open()) {
      TraceNode p2 = ((TraceResult.PointerTrace) q.trace("/out/p2.csv")).producedBy();
      assertEquals("predict-2(train-1(clean-1))", Pipelines.shape(p2));
      // train-1 failed its range trigger; train-2's model ended after predict-2 started (at 9 > 6),
      // so predict-2 is stale for the failed trigger only; train-1 and clean-1 are fresh.
      assertEquals(
          List.of("failed_trigger<train-1"),
          p2.stale().stream().map(s -> s.kind().key() + "<" + s.dependencyRunId()).toList());
      assertEquals(List.of(), p2.upstream().get(0).stale());
      assertEquals(List.of(), p2.upstream().get(0).upstream().get(0).stale());
    }
  }

  @Test
  void traceStopsAtTheDepthAndTheWindow() {
    try (QueryService q = open()) {
      TraceNode full = ((TraceResult.PointerTrace) q.trace("/out/p3.csv")).producedBy();
      assertEquals("predict-3(train-2(clean-1))", Pipelines.shape(full));
      TraceNode one =
          ((TraceResult.PointerTrace) q.trace("/out/p3.csv", new TraceLimits(1, null, null)))
              .producedBy();
      assertEquals("predict-3(train-2)", Pipelines.shape(one));
      assertTrue(one.upstream().get(0).truncated());
      assertFalse(one.truncated());
      TraceNode recent =
          ((TraceResult.RunTrace)
                  q.trace(
                      "predict-3",
                      new TraceLimits(-1, Instant.parse("2026-01-01T00:00:05Z"), null)))
              .root();
      assertEquals("predict-3(train-2)", Pipelines.shape(recent));
      assertFalse(recent.upstream().get(0).truncated());
      TraceNode old =
          ((TraceResult.RunTrace)
                  q.trace(
                      "predict-3",
                      new TraceLimits(-1, null, Instant.parse("2026-01-01T00:00:05Z"))))
              .root();
      assertEquals("predict-3", Pipelines.shape(old));
      assertThrows(InvalidRequestException.class, () -> new TraceLimits(0, null, null));
      assertThrows(
          InvalidRequestException.class,
          () ->
              new TraceLimits(
                  -1,
                  Instant.parse("2026-01-02T00:00:00Z"),
                  Instant.parse("2026-01-01T00:00:00Z")));
    }
  }

  @Test
  void historyOfAMetricOrATriggerValue() {
    try (QueryService q = open()) {
      MetricQuery m = new MetricQuery(q);
      assertEquals(
          List.of(
              "predict-4 0.1 output null",
              "predict-3 0.85 output null",
              "predict-2 0.9 output null"),
          m.series("predict", "score", 3).points().stream()
              .map(p -> p.runId() + " " + p.value() + " " + p.source() + " " + p.status())
              .toList());
      assertEquals(
          Instant.parse("2026-01-01T00:00:12Z"),
          m.series("predict", "score", 1).points().get(0).startTime());
      assertEquals(
          List.of("predict-2 0.3 after_run:0 fail", "predict-1 0.05 after_run:0 pass"),
          m.series("predict", "trigger:psi", 10).points().stream()
              .map(p -> p.runId() + " " + p.value() + " " + p.source() + " " + p.status())
              .toList());
      NotFoundException e =
          assertThrows(NotFoundException.class, () -> m.series("predict", "loss", 5));
      assertEquals(
          "component 'predict' recorded no number named 'loss' (it has: score, trigger:psi)",
          e.getMessage());
      assertThrows(NotFoundException.class, () -> m.series("nope", "score", 5));
      assertThrows(InvalidRequestException.class, () -> m.series("predict", "score", 0));
    }
  }

  @Test
  void labelsPropagateAndRetractionsWarnLaterRuns() {
    try (QueryService q = open()) {
      LabelQuery labels = new LabelQuery(q);
      assertTrue(labels.add("/raw.csv", "client-1"));
      assertTrue(labels.add("/in/q1.csv", "client-1"));
      assertFalse(labels.add("/raw.csv", "client-1"));
      assertTrue(labels.add("/in/q3.csv", "client-3"));
      ImpactResult derived = labels.outputs("client-1");
      assertEquals(
          List.of(
              "clean-1:1",
              "train-1:2",
              "predict-1:1",
              "predict-2:3",
              "train-2:2",
              "predict-3:3",
              "predict-4:3"),
          derived.runs().stream().map(r -> r.run().id() + ":" + r.depth()).toList());
      assertEquals(
          List.of(
              "/d/clean.csv",
              "/m/model.bin",
              "/out/p1.csv",
              "/out/p2.csv",
              "/out/p3.csv",
              "/out/p4.csv"),
          derived.outputs().stream().map(ImpactResult.Output::pointer).toList());
      assertEquals(
          List.of("predict-3"),
          labels.outputs("client-3").runs().stream().map(r -> r.run().id()).toList());
      Instant at = Instant.parse("2026-01-01T00:00:05Z");
      assertEquals(at, labels.retract("client-1", at));
      assertEquals(at, labels.retract("client-1", at.plusSeconds(60))); // the first request stays
      assertEquals(
          List.of("predict-3 client-1 /raw.csv 2026-01-01T00:00:05Z"),
          labels.warnings("predict-3").stream()
              .map(w -> w.runId() + " " + w.label() + " " + w.pointer() + " " + w.retractedAt())
              .toList());
      for (String later : List.of("predict-2", "train-2", "predict-4")) {
        assertEquals(1, labels.warnings(later).size(), later);
      }
      for (String earlier : List.of("clean-1", "train-1", "predict-1", "loop-2")) {
        assertTrue(labels.warnings(earlier).isEmpty(), earlier);
      }
      assertThrows(NotFoundException.class, () -> labels.outputs("nobody"));
      assertThrows(NotFoundException.class, () -> labels.retract("nobody"));
      assertThrows(NotFoundException.class, () -> labels.add("/nope.csv", "x"));
      assertThrows(InvalidRequestException.class, () -> labels.add("/raw.csv", " "));
    } finally {
      // The history is shared by the class's tests: a retracted label would make the runs derived
      // from it stale (retracted_input) for the tests that run after this one.
      try (Database db = Database.open(url(), Database.Access.EXISTING);
          Statement st = db.connection().createStatement()) {
        st.executeUpdate("DELETE FROM label_retractions");
        st.executeUpdate("DELETE FROM pointer_labels");
      } catch (java.sql.SQLException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void malformedWhereIsRefusedWithTheExpectedForm() {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> WherePredicate.parse("score >> 1"));
    assertEquals(
        "malformed --where 'score >> 1': expected VAR OP NUMBER, e.g. \"prediction > 0.8\", with"
            + " OP one of < <= > >= == !=",
        e.getMessage());
    assertThrows(InvalidRequestException.class, () -> WherePredicate.parse("score > high"));
    assertEquals(new WherePredicate("a.b", "==", -1.5e3), WherePredicate.parse(" a.b = -1.5e3 "));
  }
}
