package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.BatchLineage;
import org.mltrace.collector.testing.RunBuilder;

/** The parts a batch's rows are made of, prepared before its transaction. */
class PreparedRunsTest {
  private static RunEvent scoring(String id, long seed, String output) {
    return run(id, "score")
        .at(1, 2)
        .reads("model", "/models/m.bin")
        .writes("scores", output, "data")
        .input(RunBuilder.longValue("seed", seed))
        .build();
  }

  private static ValueTemplate.Split madeInTheTransaction(RunEvent run) {
    return ValueTemplate.split(
        RunValueArrays.values(run.inputs()),
        RunValueArrays.values(run.outputs()),
        RunValueArrays.summaries(run));
  }

  @Test
  void preparedPartsAreThoseTheTransactionWouldMake() {
    RunEvent a = scoring("a", 1, "/scores/a.csv");
    RunEvent b = scoring("b", 2, "/scores/b.csv");
    PreparedRuns postgres = PreparedRuns.of(List.of(a, b), SqlDialect.POSTGRES);
    for (RunEvent run : List.of(a, b)) {
      assertEquals(madeInTheTransaction(run), postgres.split(run));
      assertEquals(RunOrigin.of(run), postgres.origin(run));
    }
    for (CapturedValue v : b.outputs()) {
      assertEquals(
          PointerKind.of(v), postgres.sightings(List.of(a, b)).pointers().get(v.text()).kind());
    }
    assertEquals(BatchLineage.Pointers.of(List.of(a, b)), postgres.lineagePointers(List.of(a, b)));
    PreparedRuns h2 = PreparedRuns.of(List.of(a, b), SqlDialect.H2);
    assertArrayEquals(RunValueArrays.values(a.inputs()), h2.arrays(a)[0]);
    assertArrayEquals(RunValueArrays.values(a.outputs()), h2.arrays(a)[1]);
    assertArrayEquals(RunValueArrays.summaries(a), h2.arrays(a)[2]);
  }

  @Test
  void equalPartsOfTheBatchsRunsAreOneObject() {
    RunEvent a = scoring("a", 1, "/scores/a.csv");
    RunEvent b = scoring("b", 2, "/scores/b.csv");
    assertNotSame(madeInTheTransaction(a).template(), madeInTheTransaction(b).template());

    PreparedRuns prepared = PreparedRuns.of(List.of(a, b), SqlDialect.POSTGRES);

    assertSame(prepared.split(a).template(), prepared.split(b).template());
    assertNotEquals(prepared.split(a).entries(), prepared.split(b).entries()); // their own values
    assertSame(prepared.origin(a), prepared.origin(b));
    Map<String, RunRowWriter.Sighting> pointers = prepared.sightings(List.of(a, b)).pointers();
    Map<String, RunRowWriter.Sighting> unprepared =
        RunRowWriter.PointerSightings.of(List.of(a, b)).pointers();
    assertNotSame(unprepared.get("/scores/a.csv").kind(), unprepared.get("/scores/b.csv").kind());
    assertSame(pointers.get("/scores/a.csv").kind(), pointers.get("/scores/b.csv").kind());
  }

  @Test
  void thePointersOfTheWholeBatchArePreparedThoseOfPartOfItMadeOnTheSpot() {
    RunEvent a = scoring("a", 1, "/scores/a.csv");
    RunEvent b = scoring("b", 2, "/scores/b.csv");
    PreparedRuns prepared = PreparedRuns.of(List.of(a, b), SqlDialect.POSTGRES);

    RunRowWriter.PointerSightings whole = prepared.sightings(List.of(a, b));
    assertEquals(RunRowWriter.PointerSightings.of(List.of(a, b)), whole);
    assertEquals(
        List.of("/models/m.bin", "/scores/a.csv", "/scores/b.csv"),
        List.copyOf(whole.pointers().keySet()));
    assertEquals(
        List.of("/models/m.bin", "/scores/b.csv"),
        List.copyOf(prepared.sightings(List.of(b)).pointers().keySet()));
    assertSame(whole, prepared.sightings(List.of(a, b)));
    assertSame(prepared.lineagePointers(List.of(a, b)), prepared.lineagePointers(List.of(a, b)));
    assertEquals(BatchLineage.Pointers.of(List.of(b)), prepared.lineagePointers(List.of(b)));
  }

  @Test
  void aRunOutsideThePreparedBatchIsMadeOnTheSpot() {
    RunEvent prepared = scoring("a", 1, "/scores/a.csv");
    RunEvent other = scoring("c", 3, "/scores/c.csv");
    PreparedRuns parts = PreparedRuns.of(List.of(prepared), SqlDialect.POSTGRES);

    assertEquals(madeInTheTransaction(other), parts.split(other));
    assertEquals(RunOrigin.of(other), parts.origin(other));
    assertEquals(madeInTheTransaction(other), PreparedRuns.NONE.split(other));
    assertArrayEquals(RunValueArrays.values(other.inputs()), PreparedRuns.NONE.arrays(other)[0]);
  }
}
