package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/**
 * {@code label list}, {@code label show} and {@code unflag --all} on a real H2 database: /raw.csv
 * feeds prep-1, which writes /clean.csv, read by train-1, which writes /m.bin; /other.csv feeds
 * nothing.
 */
class LabelListShowUnflagTest {
  @TempDir Path tmp;
  private String db;

  record Result(int code, String out, String err) {}

  private Result mltrace(String... args) {
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

  @BeforeEach
  void fill() {
    db = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(
        db,
        tmp,
        List.of(
            run("prep-1", "prep")
                .at(0, 1)
                .reads("raw", "/raw.csv")
                .reads("other", "/other.csv")
                .writes("return", "/clean.csv")
                .build(),
            run("train-1", "train")
                .at(2, 3)
                .reads("in", "/clean.csv")
                .writes("return", "/m.bin", "model")
                .build()));
  }

  @Test
  void labelListShowsEachLabelsPointersAndRetraction() throws Exception {
    assertEquals(
        new Result(0, "no labels (add one with 'mltrace label add POINTER LABEL')\n", ""),
        mltrace("label", "list"));
    assertEquals(0, mltrace("label", "add", "/raw.csv", "client-9").code());
    assertEquals(0, mltrace("label", "add", "/other.csv", "client-9").code());
    assertEquals(0, mltrace("label", "add", "/other.csv", "client-7").code());
    assertEquals(0, mltrace("label", "retract", "client-9").code());
    Result list = mltrace("label", "list");
    assertEquals(0, list.code(), list.err());
    List<String> lines = list.out().lines().toList();
    assertEquals(List.of("LABEL     POINTERS  RETRACTED"), lines.subList(0, 1));
    assertEquals("client-7  1         -", lines.get(1));
    assertTrue(lines.get(2).matches("client-9  2         \\d{4}-\\d\\d-\\d\\dT.*Z"), lines.get(2));
    JsonNode json = new ObjectMapper().readTree(mltrace("label", "list", "--json").out());
    assertEquals(2, json.size());
    assertEquals("client-9", json.get(1).get("label").asText());
    assertEquals("/other.csv", json.get(1).get("pointers").get(0).get("pointer").asText());
    assertEquals("/raw.csv", json.get(1).get("pointers").get(1).get("pointer").asText());
    assertTrue(json.get(1).get("retractedAt").isTextual());
    assertTrue(json.get(0).get("retractedAt").isNull());
  }

  @Test
  void labelShowGivesTheDirectCarriersAndWhatCarriesItThroughLineage() throws Exception {
    assertEquals(0, mltrace("label", "add", "/raw.csv", "client-9").code());
    Result shown = mltrace("label", "show", "client-9");
    assertEquals(0, shown.code(), shown.err());
    List<String> lines = shown.out().lines().toList();
    assertEquals("label client-9: not retracted", lines.get(0));
    assertEquals("carried directly by 1 pointer", lines.get(1));
    assertTrue(lines.get(2).startsWith("  /raw.csv  added 20"), lines.get(2));
    assertEquals("carried through lineage by 2 runs and 2 outputs", lines.get(3));
    assertEquals("  /clean.csv [data]  written by prep-1", lines.get(4));
    assertEquals("  /m.bin [model]  written by train-1", lines.get(5));

    assertEquals(0, mltrace("label", "retract", "client-9").code());
    assertTrue(
        mltrace("label", "show", "client-9").out().startsWith("label client-9: retracted 20"));
    JsonNode json =
        new ObjectMapper().readTree(mltrace("label", "show", "client-9", "--json").out());
    assertEquals("client-9", json.get("label").asText());
    assertTrue(json.get("retractedAt").isTextual());
    assertEquals(2, json.get("derived").get("runs").size());
    assertEquals("/m.bin", json.get("derived").get("outputs").get(1).get("pointer").asText());

    Result unknown = mltrace("label", "show", "nobody");
    assertEquals(2, unknown.code());
    assertEquals(
        "mltrace: no pointer carries label 'nobody' (add one with 'mltrace label add POINTER"
            + " LABEL')\n",
        unknown.err());
  }

  @Test
  void unflagAllClearsEveryFlag() throws Exception {
    assertEquals(0, mltrace("flag", "/m.bin", "--note", "bad").code());
    assertEquals(0, mltrace("flag", "/clean.csv").code());
    assertEquals(new Result(0, "unflagged 2 outputs\n", ""), mltrace("unflag", "--all"));
    assertEquals(0, new ObjectMapper().readTree(mltrace("flag", "--json").out()).size());
    assertEquals(new Result(0, "unflagged 0 outputs\n", ""), mltrace("unflag", "--all"));
    Result both = mltrace("unflag", "/m.bin", "--all");
    assertEquals(1, both.code());
    assertTrue(both.err().startsWith("mltrace: give either ID or --all"), both.err());
    assertEquals(1, mltrace("unflag").code());
  }
}
