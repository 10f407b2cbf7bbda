package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.collector.testing.TestDatabases;

/**
 * flag, unflag, note, tag, tags, components, recent, impact, review and slice through the real
 * command line on H2 (the answers themselves are checked on both databases in the query tests):
 * text, JSON and exit codes.
 */
class AnalysisCommandsTest {
  @TempDir static Path tmp;
  private static String db;

  record Result(int code, String out, String err) {}

  static Result mltrace(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db";
    all[args.length + 1] = db;
    int code =
        MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void fill() {
    db = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(
        db,
        tmp,
        List.of(
            new ComponentEvent("train", "fits", "ml-team", List.of("nightly"), List.of("T#fit()")),
            run("prep-1", "prep")
                .at(0, 1)
                .reads("raw", "/raw.csv")
                .writes("return", "/clean.csv")
                .build(),
            run("train-1", "train")
                .at(2, 3)
                .reads("in", "/clean.csv")
                .writes("return", "/m.bin", "model")
                .build(),
            run("train-2", "train")
                .at(4, 5)
                .reads("in", "/clean.csv")
                .writes("return", "/m2.bin", "model")
                .build()));
  }

  private static void assertError(Result r, int code, String message) {
    assertEquals(code, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals("mltrace: " + message + "\n", r.err());
  }

  @Test
  void flagReviewAndUnflag() throws Exception {
    assertEquals(
        new Result(0, "flagged /m.bin: bad\n", ""), mltrace("flag", "/m.bin", "--note", "bad"));
    assertEquals(0, mltrace("flag", "/m2.bin").code());
    Result review = mltrace("review");
    assertEquals(0, review.code(), review.err());
    List<String> lines = review.out().lines().toList();
    assertEquals("2 outputs traced, 3 runs in their traces", lines.get(0));
    assertEquals(
        "RANK  TRACES  COMPONENT  RUN      STARTED               STATUS  STALE", lines.get(1));
    assertEquals("1     2/2     prep       prep-1   2026-01-01T00:00:00Z  ok      -", lines.get(2));
    assertEquals("2     1/2     train      train-2  2026-01-01T00:00:04Z  ok      -", lines.get(3));
    assertEquals("3     1/2     train      train-1  2026-01-01T00:00:02Z  ok      -", lines.get(4));
    JsonNode json = new ObjectMapper().readTree(mltrace("review", "/m.bin", "--json").out());
    assertEquals("train-1", json.get("runs").get(0).get("id").asText());
    assertEquals(1, json.get("runs").get(0).get("traces").asInt());
    assertEquals("prep-1", json.get("runs").get(1).get("id").asText());
    JsonNode flags = new ObjectMapper().readTree(mltrace("flag", "--json").out());
    assertEquals(2, flags.size());
    assertEquals(new Result(0, "unflagged /m2.bin\n", ""), mltrace("unflag", "/m2.bin"));
    assertEquals(new Result(0, "was not flagged: /m2.bin\n", ""), mltrace("unflag", "/m2.bin"));
    assertError(
        mltrace("flag", "/nope"),
        2,
        "no output with id '/nope' (list a run's outputs with 'mltrace inspect RUN')");
    assertError(
        mltrace("review", "nope"),
        2,
        "no run or output with id 'nope' (list flagged outputs with 'mltrace flag')");
  }

  @Test
  void impactTextAndJson() throws Exception {
    Result r = mltrace("impact", "/raw.csv");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        String.join(
            "\n",
            "/raw.csv: 3 derived runs, 3 outputs",
            "STARTED               COMPONENT  RUN      STATUS  DEPTH",
            "2026-01-01T00:00:00Z  prep       prep-1   ok      1",
            "2026-01-01T00:00:02Z  train      train-1  ok      2",
            "2026-01-01T00:00:04Z  train      train-2  ok      2",
            "outputs",
            "  /clean.csv [data]  written by prep-1",
            "  /m.bin [model]  written by train-1",
            "  /m2.bin [model]  written by train-2",
            ""),
        r.out());
    JsonNode json = new ObjectMapper().readTree(mltrace("impact", "prep-1", "--json").out());
    assertEquals("prep-1", json.get("run").asText());
    assertEquals(2, json.get("runs").size());
    assertEquals("/clean.csv", json.get("outputs").get(0).get("pointer").asText());
    assertError(
        mltrace("impact", "nope"),
        2,
        "no run or output with id 'nope' (try 'mltrace recent' to list runs)");
  }

  @Test
  void traceDepthMarksTheCut() {
    Result r = mltrace("trace", "/m.bin", "--depth", "1");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        String.join(
            "\n",
            "/m.bin [model], written by:",
            "└─ train  train-1  2026-01-01T00:00:02Z  1.000 s  ok",
            "   │ in   in = /clean.csv [data]",
            "   │ out  return = /m.bin [model]",
            "   └─ prep  prep-1  2026-01-01T00:00:00Z  1.000 s  ok  (via /clean.csv)",
            "        in   raw = /raw.csv [data]",
            "        out  return = /clean.csv [data]",
            ""),
        r.out());
    assertEquals(1, mltrace("trace", "/m.bin", "--depth", "0").code());
    Result cut = mltrace("trace", "/m.bin", "--since", "2026-01-01");
    assertEquals(0, cut.code(), cut.err());
  }

  @Test
  void catalogCommands() throws Exception {
    assertEquals(new Result(0, "tagged prep raw\n", ""), mltrace("tag", "prep", "raw"));
    assertEquals(
        new Result(0, "TAG      COMPONENTS\nnightly  train\nraw      prep\n", ""), mltrace("tags"));
    Result components = mltrace("components");
    assertEquals(
        "COMPONENT  OWNER    TAGS     RUNS  LAST RUN              LAST STATUS  STALE\n"
            + "prep       -        raw      1     2026-01-01T00:00:00Z  ok           -\n"
            + "train      ml-team  nightly  2     2026-01-01T00:00:04Z  ok           -\n",
        components.out());
    JsonNode json =
        new ObjectMapper().readTree(mltrace("components", "--owner", "ml-team", "--json").out());
    assertEquals(1, json.size());
    assertEquals("train-2", json.get(0).get("lastRunId").asText());
    assertEquals(
        "STARTED               COMPONENT  RUN      STATUS\n"
            + "2026-01-01T00:00:04Z  train      train-2  ok\n",
        mltrace("recent", "--limit", "1").out());
    assertError(
        mltrace("tag", "nope", "x"),
        2,
        "no component named 'nope' (list them with 'mltrace components')");
    assertEquals(1, mltrace("recent", "--limit", "0").code());
  }

  @Test
  void labelCommands() throws Exception {
    assertEquals(
        new Result(0, "labelled /raw.csv client-9\n", ""),
        mltrace("label", "add", "/raw.csv", "client-9"));
    Result outputs = mltrace("label", "outputs", "client-9");
    assertEquals(0, outputs.code(), outputs.err());
    assertEquals(
        "label client-9: 3 derived runs, 3 outputs", outputs.out().lines().findFirst().get());
    JsonNode json =
        new ObjectMapper().readTree(mltrace("label", "outputs", "client-9", "--json").out());
    assertEquals("client-9", json.get("label").asText());
    assertEquals(3, json.get("runs").size());
    Result retract = mltrace("label", "retract", "client-9");
    assertEquals(0, retract.code(), retract.err());
    assertEquals(true, retract.out().startsWith("retracted client-9 at "), retract.out());
    // every run started before the retraction: no warning
    assertEquals(false, mltrace("trace", "train-2").out().contains("warning"));
    JsonNode trace = new ObjectMapper().readTree(mltrace("trace", "train-2", "--json").out());
    assertEquals(0, trace.get("labelWarnings").size());
    assertError(
        mltrace("label", "outputs", "nobody"),
        2,
        "no pointer carries label 'nobody' (add one with 'mltrace label add POINTER LABEL')");
    assertEquals(1, mltrace("label").code());
    // The database is shared by the class's tests: a retracted label would make the runs derived
    // from it stale (retracted_input) for the tests that run after this one.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(db);
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM label_retractions");
      st.executeUpdate("DELETE FROM pointer_labels");
    }
  }

  @Test
  void historyOfAMetric() {
    Result r = mltrace("history", "train", "--metric", "nope");
    assertError(r, 2, "component 'train' recorded no number named 'nope' (it recorded no numbers)");
  }

  @Test
  void noteAndSliceErrors() {
    Result noted = mltrace("note", "train-1", "checked", "by", "hand");
    assertEquals(0, noted.code(), noted.err());
    Result inspect = mltrace("inspect", "train-1");
    String last = inspect.out().lines().reduce((a, b) -> b).get();
    assertEquals(
        "notes", inspect.out().lines().toList().get(inspect.out().lines().toList().size() - 2));
    assertEquals(true, last.matches("  \\d{4}-.*Z  checked by hand"), last);
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(mltrace("inspect", "train-1", "--json").out());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertEquals("checked by hand", json.get("notes").get(0).get("note").asText());
    assertEquals("train-1", json.get("id").asText());
    assertError(
        mltrace("note", "nope", "x"),
        2,
        "no run with id 'nope' (try 'mltrace recent' to list runs)");
    assertError(
        mltrace("slice", "--component", "train", "--where", "loss >> 1"),
        1,
        "malformed --where 'loss >> 1': expected VAR OP NUMBER, e.g. \"prediction > 0.8\", with"
            + " OP one of < <= > >= == !=");
    assertEquals(1, mltrace("slice", "--component", "train", "--since", "yesterday").code());
    Result slice = mltrace("slice", "--component", "train", "--since", "2026-01-01T00:00:03Z");
    assertEquals(0, slice.code(), slice.err());
    assertEquals("1 run traced, 2 runs in their traces", slice.out().lines().findFirst().get());
  }
}
