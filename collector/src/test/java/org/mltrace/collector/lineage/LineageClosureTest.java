package org.mltrace.collector.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.Progress;

class LineageClosureTest {
  // a -> b -> c -> a (a cycle, as clock skew between hosts can make), and c -> d
  private static final List<Dependency> EDGES =
      List.of(
          new Dependency("b", "a", "/ab"),
          new Dependency("c", "b", "/bc"),
          new Dependency("a", "c", "/ca"),
          new Dependency("d", "c", "/cd"));

  private static List<Dependency> byProducer(Collection<String> runs) {
    List<Dependency> out = new ArrayList<>();
    EDGES.stream().filter(d -> runs.contains(d.dependsOnRunId())).forEach(out::add);
    return out;
  }

  private static List<Dependency> byConsumer(Collection<String> runs) {
    List<Dependency> out = new ArrayList<>();
    EDGES.stream().filter(d -> runs.contains(d.runId())).forEach(out::add);
    return out;
  }

  @Test
  void downstreamStopsAtACycleAndKeepsTheShortestDepth() {
    assertEquals(
        Map.of("a", 0, "b", 1, "c", 2, "d", 3),
        LineageClosure.downstream(LineageClosureTest::byProducer).reach(List.of("a"), -1));
  }

  @Test
  void upstreamWithADepthLimit() {
    assertEquals(
        Map.of("d", 0, "c", 1),
        LineageClosure.upstream(LineageClosureTest::byConsumer).reach(List.of("d"), 1));
    assertEquals(
        List.of("d", "c", "b", "a"),
        List.copyOf(
            LineageClosure.upstream(LineageClosureTest::byConsumer)
                .reach(List.of("d"), -1)
                .keySet()));
  }

  @Test
  void aRunLimitKeepsTheNearestRunsAndOneMoreToSayThereWereMore() {
    LineageClosure<String> downstream = LineageClosure.downstream(LineageClosureTest::byProducer);
    assertEquals(
        Map.of("a", 0, "b", 1, "c", 2), downstream.reach(List.of("a"), -1, 2, Progress.NONE));
    assertEquals(
        Map.of("a", 0, "b", 1, "c", 2, "d", 3),
        downstream.reach(List.of("a"), -1, 4, Progress.NONE),
        "no more than 4: all of them, nothing cut");
  }

  @Test
  void aWalkAlongAStepNamesRunsAsTheStepDoesAndVisitsEachOnce() {
    // keys 1 -> 2 (twice: a run can read two outputs of another) -> 3 -> 1 (a cycle), and 3 -> 4
    Map<Long, List<Long>> next = Map.of(1L, List.of(2L, 2L), 2L, List.of(3L), 3L, List.of(1L, 4L));
    LineageClosure<Long> downstream =
        LineageClosure.along(
            runs -> runs.stream().flatMap(r -> next.getOrDefault(r, List.of()).stream()).toList());
    assertEquals(Map.of(1L, 0, 2L, 1, 3L, 2, 4L, 3), downstream.reach(List.of(1L), -1));
  }
}
