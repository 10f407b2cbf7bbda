package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.cli.MltraceCommandTest.mltrace;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** {@code mltrace compact}, run in-process on a real H2 database with runs from 2026-01-01. */
class CompactCommandTest {
  @TempDir Path tmp;

  private String db() {
    String db = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(
        db,
        tmp,
        List.of(
            run("load-1", "load").at(0, 1).writes("return", "/d/a.csv").build(),
            run("train-1", "train").at(5, 6).reads("data", "/d/a.csv").build()));
    return db;
  }

  @Test
  void dryRunReportsInJsonAndChangesNothing() throws Exception {
    String db = db();

    MltraceCommandTest.Result r =
        mltrace("compact", "--older-than", "1d", "--dry-run", "--json", "--db", db);

    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertTrue(json.get("dryRun").asBoolean());
    assertEquals(2, json.get("removed").get("runs").asLong());
    assertEquals(1, json.get("removed").get("dependencies").asLong());
    assertEquals(2, json.get("kept").get("components").asLong());
    assertEquals(2, json.get("kept").get("componentDays").asLong());
    assertTrue(
        mltrace("history", "train", "--db", db).out().startsWith("train: 1 run,"),
        "a dry run removes nothing");
  }

  @Test
  void compactRemovesOldRunsAndSaysWhatItKept() {
    String db = db();

    MltraceCommandTest.Result r = mltrace("compact", "--older-than", "30d", "--db", db);

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("removed 2 runs that started before "), r.out());
    assertTrue(
        r.out()
            .contains(
                "kept 2 components, 2 component-day run counts, 0 component-day value"
                    + " aggregates, and 0 old runs on the lineage of 0 flagged outputs"),
        r.out());
    assertTrue(
        mltrace("history", "train", "--db", db).out().startsWith("train: 0 runs"),
        "the runs are gone");
  }

  @Test
  void anAgeWithoutUnitIsAUsageError() {
    MltraceCommandTest.Result r = mltrace("compact", "--older-than", "90", "--db", db());

    assertEquals(1, r.code());
    assertTrue(r.err().contains("'90' needs a unit: d, h, m or s"), r.err());
  }
}
