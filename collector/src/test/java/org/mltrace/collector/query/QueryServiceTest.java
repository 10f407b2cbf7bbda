package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.QueryRefusedException;
import org.mltrace.collector.testing.TestDatabases;

class QueryServiceTest {
  @TempDir Path tmp;
  private QueryService queries;

  @BeforeEach
  void fill() {
    String url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(url, tmp, Pipelines.taxi());
    queries = new QueryService(Database.open(url, Database.Access.EXISTING), Path.of("/d"));
  }

  @AfterEach
  void close() {
    queries.close();
  }

  @Test
  void pointerTraceIsDepthFirstWithTheSharedInputOncePerPath() {
    TraceResult.PointerTrace trace =
        assertInstanceOf(TraceResult.PointerTrace.class, queries.trace("/out/pred.csv"));
    assertEquals("/out/pred.csv", trace.pointer().identifier());
    TraceNode predict = trace.producedBy();
    assertEquals(
        "predict-1(train-1(featurize-1(split-1(load-1))),split-1(load-1))",
        Pipelines.shape(predict));
    assertEquals(List.of("/m/model.bin"), predict.upstream().get(0).via());
    assertEquals(List.of("/d/test.csv"), predict.upstream().get(1).via());
    assertEquals(
        List.of("/d/train.csv"),
        predict.upstream().get(0).upstream().get(0).upstream().get(0).via());
  }

  @Test
  void traceOfARunStartsAtThatRun() {
    TraceResult.RunTrace trace =
        assertInstanceOf(TraceResult.RunTrace.class, queries.trace("train-1"));
    assertEquals("train-1(featurize-1(split-1(load-1)))", Pipelines.shape(trace.root()));
    RunView train = trace.root().run();
    assertEquals(
        List.of("features", "epochs"), train.inputs().stream().map(ValueView::name).toList());
    assertEquals(
        new ValueView("epochs", "long", "long", "10", "java.lang.Long", null, null, null, null),
        train.inputs().get(1));
    assertEquals("model", train.outputs().get(0).type());
    assertEquals(Instant.parse("2026-01-01T00:00:06Z"), train.row().startTime());
    assertEquals(2000.0, train.durationMs());
  }

  @Test
  void pointerTraceUsesTheLatestProducer() {
    TraceResult.PointerTrace trace = (TraceResult.PointerTrace) queries.trace("/m/model.bin");
    assertEquals("train-2", trace.producedBy().run().row().id());
    assertEquals("java.lang.IllegalStateException: diverged", trace.producedBy().run().error());
  }

  @Test
  void relativeAndUnnormalizedPathsAreResolved() {
    assertEquals(
        "split-1",
        ((TraceResult.PointerTrace) queries.trace("test.csv")).producedBy().run().row().id());
    assertEquals(
        "split-1",
        ((TraceResult.PointerTrace) queries.trace("../d/./test.csv"))
            .producedBy()
            .run()
            .row()
            .id());
  }

  @Test
  void inputThatNoRunWroteHasNoProducer() {
    TraceResult.PointerTrace trace = (TraceResult.PointerTrace) queries.trace("/raw.csv");
    assertNull(trace.producedBy());
    assertEquals(1, trace.readers());
  }

  @Test
  void unknownTraceIdIsNotFound() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> queries.trace("nope"));
    assertEquals(
        "no run or output with id 'nope' (try 'mltrace history COMPONENT' to list runs)",
        e.getMessage());
  }

  @Test
  void historyIsNewestFirstAndLimited() {
    assertEquals(
        List.of("train-2", "train-1", "train-0"),
        queries.history("train", 20).runs().stream().map(r -> r.row().id()).toList());
    assertEquals(
        List.of("train-2", "train-1"),
        queries.history("train", 2).runs().stream().map(r -> r.row().id()).toList());
  }

  @Test
  void historyWithinATimeWindowKeepsRunsThatStartedInIt() {
    Instant t6 = Instant.parse("2026-01-01T00:00:06Z");
    Instant t20 = Instant.parse("2026-01-01T00:00:20Z");
    assertEquals(List.of("train-1"), ids(queries.history("train", 20, t6, t20)));
    assertEquals(List.of("train-2", "train-1"), ids(queries.history("train", 20, t6, null)));
    assertEquals(List.of("train-0"), ids(queries.history("train", 20, null, t6)));
    assertEquals(List.of("train-2"), ids(queries.history("train", 1, t6, null)));
    assertEquals(
        "--since 2026-01-01T00:00:20Z must be before --until 2026-01-01T00:00:06Z",
        assertThrows(InvalidRequestException.class, () -> queries.history("train", 5, t20, t6))
            .getMessage());
  }

  private static List<String> ids(History history) {
    return history.runs().stream().map(r -> r.row().id()).toList();
  }

  @Test
  void historyOfUnknownComponentOrBadLimitFails() {
    assertTrue(
        assertThrows(NotFoundException.class, () -> queries.history("nope", 5))
            .getMessage()
            .startsWith("no component named 'nope'"));
    assertThrows(InvalidRequestException.class, () -> queries.history("train", 0));
  }

  @Test
  void inspectShowsLinksBothWaysAndTheComponent() {
    RunDetail detail = queries.inspect("train-1");
    assertEquals(
        List.of(new LinkView("featurize-1", "featurize", "/d/ftrain")), detail.dependencies());
    assertEquals(
        List.of(new LinkView("predict-1", "predict", "/m/model.bin")), detail.dependents());
    assertEquals("ml-team", detail.component().owner());
    assertEquals(List.of("model", "nightly"), detail.component().tags());
    assertEquals("ok", detail.run().row().status());
    assertEquals("agent-1", detail.run().row().agentId());
  }

  @Test
  void inspectUnknownRunNamesIt() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> queries.inspect("nope"));
    assertEquals(
        "no run with id 'nope' (try 'mltrace history COMPONENT' to list runs)", e.getMessage());
  }

  @Test
  void zeroLengthRunsAtTheSameInstantFormACycleThatTheTraceSurvives(@TempDir Path other) {
    String url = TestDatabases.h2Url(other);
    TestDatabases.ingest(
        url,
        other,
        List.of(
            run("a", "ping").at(5, 5).reads("in", "/y").writes("out", "/x").build(),
            run("b", "pong").at(5, 5).reads("in", "/x").writes("out", "/y").build()));
    try (QueryService cyclic =
        new QueryService(Database.open(url, Database.Access.EXISTING), other)) {
      assertEquals("a(b)", Pipelines.shape(((TraceResult.RunTrace) cyclic.trace("a")).root()));
      assertEquals(
          "b(a)", Pipelines.shape(((TraceResult.PointerTrace) cyclic.trace("/y")).producedBy()));
    }
  }

  @Test
  void sqlReadsAndRefusesWrites() {
    SqlResult result =
        queries.sql(
            "SELECT component, COUNT(*) AS runs FROM component_runs GROUP BY component ORDER BY component");
    assertEquals(List.of("component", "runs"), result.columns());
    assertEquals(List.of("featurize", 1L), result.rows().get(0));
    assertThrows(QueryRefusedException.class, () -> queries.sql("DELETE FROM component_runs"));
    assertEquals(List.of(7L), queries.sql("SELECT COUNT(*) FROM component_runs").rows().get(0));
  }
}
