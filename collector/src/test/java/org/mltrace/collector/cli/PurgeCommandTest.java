package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** {@code mltrace purge --label}: text, JSON, dry run and the refusals, through the CLI. */
class PurgeCommandTest {
  @TempDir Path tmp;

  @Test
  void purgeAfterRetractionWithADryRunFirst() throws Exception {
    String db = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(
        db,
        tmp,
        List.of(
            run("prep-1", "prep")
                .at(0, 1)
                .reads("raw", "/raw.csv")
                .writes("return", "/clean.csv")
                .build(),
            run("train-1", "train")
                .at(2, 3)
                .reads("in", "/clean.csv")
                .writes("return", "/m.bin")
                .build()));
    assertEquals(
        0, MltraceCommandTest.mltrace("label", "add", "/raw.csv", "client-9", "--db", db).code());

    MltraceCommandTest.Result refused =
        MltraceCommandTest.mltrace("purge", "--label", "client-9", "--db", db);
    assertEquals(1, refused.code());
    assertEquals(
        "mltrace: label 'client-9' is not retracted: record the deletion request first with"
            + " 'mltrace label retract client-9'\n",
        refused.err());
    assertEquals(2, MltraceCommandTest.mltrace("purge", "--label", "nobody", "--db", db).code());

    assertEquals(0, MltraceCommandTest.mltrace("label", "retract", "client-9", "--db", db).code());
    MltraceCommandTest.Result dry =
        MltraceCommandTest.mltrace("purge", "--label", "client-9", "--dry-run", "--db", db);
    assertEquals(0, dry.code(), dry.err());
    assertEquals(
        List.of(
            "dry run, nothing changed: would purge label client-9: 2 runs derived from /raw.csv",
            // four pointer rows: they keep their identifiers but lose their class and size
            "would remove 4 values, 0 summaries, 0 samples, 0 snapshot rows; kept the runs, their"
                + " times and lineage",
            "runs: prep-1 train-1"),
        dry.out().lines().toList());

    MltraceCommandTest.Result real =
        MltraceCommandTest.mltrace(
            "purge",
            "--label",
            "client-9",
            "--by",
            "alice",
            "--reason",
            "request 17",
            "--json",
            "--db",
            db);
    assertEquals(0, real.code(), real.err());
    JsonNode json = new ObjectMapper().readTree(real.out());
    assertEquals(1, json.get("purgeId").asLong());
    assertEquals("alice", json.get("purgedBy").asText());
    assertEquals("request 17", json.get("reason").asText());
    assertEquals(2, json.get("runs").size());
    assertTrue(json.get("removed").has("values"));

    // inspect tells purged values from values never captured; an untouched run says nothing.
    MltraceCommandTest.Result inspect = MltraceCommandTest.mltrace("inspect", "prep-1", "--db", db);
    assertTrue(
        inspect.out().contains("values purged by purge #1 of label 'client-9' by alice at 20"),
        inspect.out());
    assertTrue(inspect.out().contains("(reason: request 17)"), inspect.out());
    JsonNode inspectJson =
        new ObjectMapper()
            .readTree(MltraceCommandTest.mltrace("inspect", "train-1", "--json", "--db", db).out());
    assertEquals(1, inspectJson.get("purges").get(0).get("purgeId").asLong());
    assertEquals("client-9", inspectJson.get("purges").get(0).get("label").asText());
  }
}
