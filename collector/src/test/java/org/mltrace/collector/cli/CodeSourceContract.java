package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CodeSourceEvent;
import org.mltrace.collector.testing.TestDatabases;

/**
 * The jar a woven class came from (a code source event, once per agent) in {@code inspect}, in
 * {@code history} when it changes between runs, and in their JSON; on H2 and PostgreSQL.
 */
abstract class CodeSourceContract {
  @TempDir Path tmp;
  String db;
  static final String OLD_SHA = "1".repeat(64);
  static final String NEW_SHA = "2".repeat(64);

  static CodeSourceEvent source(String agent, String component, String version, String sha) {
    return new CodeSourceEvent(
        agent,
        component,
        "ml.dmlc.xgboost4j.java.Booster",
        "0123456789abcdef",
        "/libs/xgboost4j_2.12-" + version + ".jar",
        sha,
        "ml.dmlc:xgboost4j_2.12:" + version);
  }

  abstract String url();

  @BeforeEach
  void ingest() {
    db = url();
    TestDatabases.ingest(
        db,
        tmp.resolve("q1"),
        List.of(
            run("p-0", "predict")
                .agent("agent-0")
                .at(0, 1)
                .build(), // an agent from before format 6: no source
            source("agent-1", "predict", "3.3.0", OLD_SHA),
            source("agent-1", "train", "3.3.0", OLD_SHA),
            run("p-1", "predict").agent("agent-1").at(2, 3).build(),
            run("t-1", "train").agent("agent-1").at(2, 3).build(),
            source("agent-2", "predict", "3.4.0", NEW_SHA),
            source("agent-2", "train", "3.3.0", OLD_SHA),
            run("p-2", "predict").agent("agent-2").at(4, 5).build(),
            run("t-2", "train").agent("agent-2").at(4, 5).build()));
  }

  @Test
  void inspectShowsTheJarItsHashAndItsCoordinates() throws Exception {
    MltraceCommandTest.Result r = MltraceCommandTest.mltrace("inspect", "p-2", "--db", db);
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains(
                "code source   ml.dmlc.xgboost4j.java.Booster: /libs/xgboost4j_2.12-3.4.0.jar  sha256 "
                    + NEW_SHA
                    + "  maven ml.dmlc:xgboost4j_2.12:3.4.0\n"),
        r.out());
    JsonNode json =
        new ObjectMapper()
            .readTree(MltraceCommandTest.mltrace("inspect", "p-2", "--json", "--db", db).out());
    JsonNode s = json.path("codeSources").get(0);
    assertEquals("xgboost4j_2.12-3.4.0.jar", s.path("jar").asText());
    assertEquals(NEW_SHA, s.path("jarSha256").asText());
    assertEquals("ml.dmlc:xgboost4j_2.12:3.4.0", s.path("maven").asText());
    assertEquals("0123456789abcdef", s.path("codeVersion").asText());

    MltraceCommandTest.Result old = MltraceCommandTest.mltrace("inspect", "p-0", "--db", db);
    assertFalse(old.out().contains("code source"), old.out());
  }

  @Test
  void historyShowsTheCodeSourceColumnOnlyWhenItChangesBetweenRuns() throws Exception {
    String predict = MltraceCommandTest.mltrace("history", "predict", "--db", db).out();
    List<String> lines = predict.lines().toList();
    assertTrue(lines.get(1).contains("CODE SOURCE"), predict);
    assertTrue(
        lines.get(2).contains("p-2")
            && lines.get(2).contains("ml.dmlc:xgboost4j_2.12:3.4.0 sha256:222222222222"),
        predict);
    assertTrue(
        lines.get(3).contains("p-1")
            && lines.get(3).contains("ml.dmlc:xgboost4j_2.12:3.3.0 sha256:111111111111"),
        predict);
    assertTrue(lines.get(4).contains("p-0") && lines.get(4).strip().endsWith("  -"), predict);

    String train = MltraceCommandTest.mltrace("history", "train", "--db", db).out();
    assertFalse(
        train.contains("CODE SOURCE"), train); // the same jar in both agents: nothing changed

    JsonNode json =
        new ObjectMapper()
            .readTree(MltraceCommandTest.mltrace("history", "train", "--json", "--db", db).out());
    assertEquals(
        "ml.dmlc:xgboost4j_2.12:3.3.0",
        json.get(0).path("codeSources").get(0).path("maven").asText());
  }
}
