package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.store.ArrayRunRows.at;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V052 (PostgreSQL): a database whose runs keep their values as V050's three texts upgrades in
 * place. A run whose texts are whole values keeps all its entries, under the identity template of
 * its numbers of values and summaries (a negative key computed from them, parts of placeholders
 * only); one whose texts are not (written by hand) or that has 1,024 values or more in a direction
 * goes the exact way, under its content template. The views {@code run_inputs}, {@code run_outputs}
 * and {@code run_value_summaries} answer the same columns, types and rows as before; every run's
 * arrays come back exactly from its template and entries, for entries that hold the format's own
 * separator, NULL mark and escape character, the record separator, {@code %}, {@code %1$s} and
 * {@code $} (format()'s own syntax), empty strings, NULL entries, more than nine (and more than a
 * hundred) placeholders; {@code mltrace_value_template} finds the template of a run stored the
 * exact way, and for the texts of one stored the identity way stores its content template once
 * (runs of one signature share it, any other kind or class gets its own); and migrating again does
 * nothing.
 */
class ValueTemplatesMigrationTest {
  /** A text value that holds every character the stored text or an array literal treats apart. */
  private static final String AWKWARD =
      "a\u001fb\u0001c\u0002d\u0002\u0003e\u0002\u0005 \"q\" \\ {x,y} NULL \uD83D\uDE00";

  /** AWKWARD with what format() reads (%, %n$s, $) and the signature's separator U+001E. */
  private static final String EVIL =
      AWKWARD + " 100% %1$s %%2$s %s $ $1 %10$s \u001e|\u001e\u0002\u0006 end%";

  /**
   * One run as written before V052: its arrays (null: none), the content template its texts get (a
   * letter; null: no values) and whether V052 stores it the exact way.
   */
  private record Run(
      String id,
      String content,
      boolean exact,
      String[] inputs,
      String[] outputs,
      String[] summaries) {}

  /** One value's 8 entries (V025): name, kind, text, class, size, type, modified, fingerprint. */
  private static String[] value(
      String name,
      String kind,
      String text,
      String className,
      String size,
      String type,
      String modified,
      String fingerprint) {
    return new String[] {name, kind, text, className, size, type, modified, fingerprint};
  }

  /** One summary's 13 entries: direction, position, elements, sampling, then nine numbers. */
  private static String[] summary(String... entries) {
    assertEquals(13, entries.length);
    return entries;
  }

  private static String[] join(String[]... parts) {
    List<String> out = new ArrayList<>();
    for (String[] p : parts) {
      out.addAll(Arrays.asList(p));
    }
    return out.toArray(new String[0]);
  }

  /** r1's inputs with {@code text}, {@code size}, modified and fingerprint varied per run. */
  private static String[] r1Inputs(
      String kindOfNote, String classOfNote, String classOfEvil, String[] varying) {
    return join(
        value(
            "path",
            "POINTER",
            varying[0],
            "java.nio.file.Path",
            varying[1],
            "data",
            varying[2],
            varying[3]),
        value(
            "note%1$s",
            kindOfNote, varying[4], classOfNote, varying[5], null, varying[6], varying[7]),
        value(EVIL, EVIL, varying[8], classOfEvil, varying[9], "", varying[10], varying[11]),
        value(
            "\u0001",
            "STRING",
            varying[12],
            "\u001f",
            varying[13],
            "NULL",
            varying[14],
            varying[15]),
        value("empty", "NULL", varying[16], null, varying[17], null, varying[18], varying[19]));
  }

  private static final String[] R1_VARYING = {
    "/d/in\u001fput%1$s.csv",
    "12",
    "2026-01-01T10:00:00Z",
    "xxh64:ab",
    EVIL,
    "44",
    null,
    null,
    "",
    "0",
    null,
    "",
    "\u0001",
    null,
    null,
    "\u0002\u0004",
    null,
    null,
    null,
    null
  };

  private static final String[] R2_VARYING = {
    "/d/other %2$s %% $.csv",
    null,
    null,
    EVIL,
    "%",
    "9223372036854775807",
    "2026-03-04T05:06:07.123Z",
    "%1$s",
    null,
    null,
    "2026-01-01T10:00:00Z",
    "\u001e",
    "",
    "1",
    null,
    "",
    "$",
    "-1",
    "1999-12-31T23:59:59Z",
    "\u0001\u001f\u0002"
  };

  private static String[] r1Outputs(String a, String b, String c, String d) {
    return r1Outputs("java.lang.Double", a, b, c, d);
  }

  private static String[] r1Outputs(String classOfReturn, String a, String b, String c, String d) {
    return join(
        value("return", "DOUBLE", a, classOfReturn, null, "metric%", null, b),
        value("list", "POINTER", c, "java.util.ArrayList", "3", null, null, d));
  }

  private static final String[] R1_OUTPUTS =
      r1Outputs("0.25", null, "mem://agent/java.util.ArrayList@1%2$s", "$1");

  private static final String[] R1_SUMMARIES = r1Summaries("head%");

  private static String[] r1Summaries(String sampling) {
    return join(
        summary(
            "output",
            "1",
            "number",
            "all",
            "3",
            "3",
            "0",
            "0",
            "1.0",
            "3.0",
            "2.0",
            "0.816496580927726",
            "3"),
        summary(
            "input%1$s\u001e",
            "1", EVIL, sampling, "1024", "1024", "0", "0", null, null, null, null, "17"));
  }

  /** {@code n} inputs of one component whose varying entries depend on {@code seed}. */
  private static String[] manyInputs(int n, int seed) {
    List<String[]> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(
          value(
              "in" + i + "%",
              i % 2 == 0 ? "LONG" : "STRING",
              seed + "%" + i + "$s",
              "java.lang.Long",
              i % 3 == 0 ? null : String.valueOf(seed * 100 + i),
              "t" + i,
              i % 4 == 0 ? null : "2026-01-01T10:00:" + String.format("%02d", i % 60) + "Z",
              "fp%" + (i + 1) + "$s " + seed));
    }
    return join(values.toArray(new String[0][]));
  }

  private static String[] manySummaries(int seed) {
    return join(
        summary("input", "1", "number", "all", "" + seed, "3", "0", "0", "1.5", "2", "3", "4", "5"),
        summary(
            "output", "2", "string", "%", "7", "" + seed, null, "0", null, null, null, null, "1"));
  }

  /** {@code n} summaries whose numbers depend on {@code seed}. */
  private static String[] manySummaries(int n, int seed) {
    List<String[]> summaries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      summaries.add(
          summary(
              i % 2 == 0 ? "input" : "output",
              String.valueOf(i),
              "number",
              "%" + i + "$s",
              String.valueOf(seed + i),
              "3",
              i % 5 == 0 ? null : "0",
              "0",
              "1.5",
              "2.5",
              "3",
              "4",
              String.valueOf(seed)));
    }
    return join(summaries.toArray(new String[0][]));
  }

  /** Entries that are not whole values: V050's texts never written by the collector. */
  private static String[] partial(String... entries) {
    return entries;
  }

  /**
   * The runs. A run stored the identity way keeps all its entries under the identity template of
   * its numbers of values and summaries; one stored the exact way (texts that are not whole values,
   * or 1,024 values or more in a direction) under its content template. The letters name the
   * content template mltrace_value_template gives each run's texts (runs of one letter share it,
   * any other kind or class gets another one): before V052 for the exact ones, after it for the
   * others. r4 has no values and so no template.
   */
  private static final List<Run> RUNS =
      List.of(
          identity(
              "r1",
              "A",
              r1Inputs("STRING", "java.lang.String%", null, R1_VARYING),
              R1_OUTPUTS,
              R1_SUMMARIES),
          // Same names, kinds, classes and types, but NULL where r1 has entries and the other way
          // round: a NULL stays in the template, so another content template.
          identity(
              "r2",
              "A2",
              r1Inputs("STRING", "java.lang.String%", null, R2_VARYING),
              r1Outputs("%", "\u0001", null, EVIL),
              join(
                  summary(
                      "output", "1", "number", "all", "9", "9", null, "1", "-1.0", "1e300", "NaN",
                      null, "0"),
                  summary(
                      "input%1$s\u001e",
                      "1", EVIL, "head%", "0", "0", "0", "0", "0", "0", "0", "0", "0"))),
          // Another kind of one value: another content template (the same identity template).
          identity(
              "r3",
              "B",
              r1Inputs("LONG", "java.lang.String%", null, R1_VARYING),
              R1_OUTPUTS,
              R1_SUMMARIES),
          // Another class of one value: another content template.
          identity(
              "r3b",
              "C",
              r1Inputs("STRING", "java.lang.CharSequence", null, R1_VARYING),
              R1_OUTPUTS,
              R1_SUMMARIES),
          // An empty class where r1 has a NULL one: another content template.
          identity(
              "r9",
              "H",
              r1Inputs("STRING", "java.lang.String%", "", R1_VARYING),
              R1_OUTPUTS,
              R1_SUMMARIES),
          // Another class of one output, another sampling of one summary: other content
          // templates (their other parts, and how many entries vary, the same as r1's).
          identity(
              "r11",
              "J",
              r1Inputs("STRING", "java.lang.String%", null, R1_VARYING),
              r1Outputs(
                  "java.lang.Float", "0.25", null, "mem://agent/java.util.ArrayList@1%2$s", "$1"),
              R1_SUMMARIES),
          identity(
              "r12",
              "K",
              r1Inputs("STRING", "java.lang.String%", null, R1_VARYING),
              R1_OUTPUTS,
              r1Summaries("head")),
          new Run("r4", null, false, null, null, null),
          identity("r5", "D", null, R1_OUTPUTS, null),
          // r5's outputs as inputs: another identity template.
          identity("r10", "I", R1_OUTPUTS, null, null),
          identity("r6", "E", null, null, R1_SUMMARIES),
          // 12 inputs: placeholders %10$s and on, the outputs' and summaries' after them.
          identity(
              "r7",
              "F",
              manyInputs(12, 7),
              r1Outputs("1", "fp", "mem://a", null),
              manySummaries(7)),
          identity(
              "r7b", "F", manyInputs(12, 8), r1Outputs(EVIL, "%%", "", null), manySummaries(8)),
          // 30 inputs: 240 placeholders (120 in its content template), more than a function takes
          // arguments.
          identity("r8", "G", manyInputs(30, 3), R1_OUTPUTS, manySummaries(3)),
          // The most values and summaries an identity template has: the lowest key.
          identity("r18", "S", manyInputs(1023, 18), manyInputs(1023, 19), manySummaries(2046, 18)),
          // Inputs that are not whole values: the exact way, one template for both runs.
          exact("r13", "X", partial("x%1$s", null, EVIL), R1_OUTPUTS, null),
          exact(
              "r13b",
              "X",
              partial("x%1$s", null, "\u0001%%"),
              r1Outputs(EVIL, null, "", "%%"),
              null),
          // One value and one entry more; outputs and summaries whole.
          exact(
              "r14",
              "Y",
              join(
                  value("one", "LONG", "1", "java.lang.Long", "8", null, null, EVIL),
                  partial(EVIL)),
              R1_OUTPUTS,
              R1_SUMMARIES),
          // Outputs of 10 entries.
          exact(
              "r15",
              "Z",
              r1Inputs("STRING", "java.lang.String%", null, R1_VARYING),
              join(R1_OUTPUTS, partial("\u001f", "")),
              R1_SUMMARIES),
          // Summaries of 14 entries.
          exact(
              "r16",
              "W",
              r1Inputs("STRING", "java.lang.String%", null, R1_VARYING),
              R1_OUTPUTS,
              join(R1_SUMMARIES, partial("%1$s"))),
          // 1,024 values or more in a direction, 2,047 summaries: the exact way.
          exact("r17", "V", manyInputs(1024, 17), R1_OUTPUTS, manySummaries(17)),
          exact("r17b", "T", null, manyInputs(1024, 21), null),
          exact("r19", "U", null, null, manySummaries(2047, 19)));

  private static Run identity(
      String id, String content, String[] inputs, String[] outputs, String[] summaries) {
    return new Run(id, content, false, inputs, outputs, summaries);
  }

  private static Run exact(
      String id, String content, String[] inputs, String[] outputs, String[] summaries) {
    return new Run(id, content, true, inputs, outputs, summaries);
  }

  private static int values(String[] entries, int stride) {
    return entries == null ? 0 : entries.length / stride;
  }

  /** The key of the identity template of a run with these numbers of values and summaries. */
  private static int identityKey(Run run) {
    long key =
        -(1L
            + values(run.inputs(), 8)
            + 1024L * values(run.outputs(), 8)
            + 1048576L * values(run.summaries(), 13));
    assertEquals(key, (int) key, run.id() + ": an INTEGER key");
    return (int) key;
  }

  /** The identity template of the run: one placeholder an entry, numbered across its texts. */
  private static List<String> identityParts(Run run) {
    int first = 1;
    List<String> parts = new ArrayList<>();
    for (String[] entries : new String[][] {run.inputs(), run.outputs(), run.summaries()}) {
      if (entries == null) {
        parts.add(null);
        continue;
      }
      StringBuilder part = new StringBuilder("%" + first + "$s");
      for (int i = 1; i < entries.length; i++) {
        part.append("\u001f%s");
      }
      parts.add(part.toString());
      first += entries.length;
    }
    return parts;
  }

  /** V050's three texts joined by U+001F, the NULL ones left out (SQL's concat_ws). */
  private static String concatWs(String[] texts) {
    List<String> present = new ArrayList<>();
    for (String t : texts) {
      if (t != null) {
        present.add(t);
      }
    }
    return String.join("\u001f", present);
  }

  @Test
  void viewsAnswerTheSameRowsAfterTheRunsKeepTheirEntries() throws Exception {
    // The test's own runs are what it says they are.
    Set<Integer> shapes = new HashSet<>();
    Set<String> exactTemplates = new HashSet<>();
    Set<String> contentTemplates = new HashSet<>();
    for (Run run : RUNS) {
      boolean whole =
          (run.inputs() == null || run.inputs().length % 8 == 0 && run.inputs().length < 8 * 1024)
              && (run.outputs() == null
                  || run.outputs().length % 8 == 0 && run.outputs().length < 8 * 1024)
              && (run.summaries() == null
                  || run.summaries().length % 13 == 0 && run.summaries().length < 13 * 2047);
      if (run.content() == null) {
        assertTrue(run.inputs() == null && run.outputs() == null && run.summaries() == null);
        continue;
      }
      assertEquals(!run.exact(), whole, run.id() + ": the way it is stored");
      if (run.exact()) {
        exactTemplates.add(run.content());
      } else {
        shapes.add(identityKey(run));
        contentTemplates.add(run.content());
      }
    }
    assertEquals(7, shapes.size(), "identity templates");
    assertEquals(7, exactTemplates.size(), "content templates of the exact runs");
    assertEquals(13, contentTemplates.size(), "content templates of the other runs");
    assertTrue(
        exactTemplates.stream().noneMatch(contentTemplates::contains), "the letters are distinct");

    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "51");
      Map<String, List<String>> before;
      Map<String, String[]> texts;
      try (Connection c = DriverManager.getConnection(direct)) {
        writeTheV050Way(c);
        before = views(c);
        texts = v050Texts(c);
      }
      int inputs = 0;
      int outputs = 0;
      int summaries = 0;
      for (Run run : RUNS) {
        inputs += values(run.inputs(), 8);
        outputs += values(run.outputs(), 8);
        summaries += values(run.summaries(), 13);
      }
      assertEquals(1 + inputs, before.get("run_inputs").size(), "header and rows");
      assertEquals(1 + outputs, before.get("run_outputs").size(), "header and rows");
      assertEquals(1 + summaries, before.get("run_value_summaries").size(), "header and rows");
      assertTrue(texts.get("r1")[0].contains("\u0002"), "r1's inputs needed escapes");

      try (Database db = Database.open(url, Database.Access.EXISTING)) {
        Connection c = db.connection();
        Map<String, Integer> keys;
        try (Statement st = c.createStatement()) {
          // 1. The columns and the templates.
          assertEquals(
              List.of("value_entries|text", "value_template|integer"),
              rows(
                  st,
                  "SELECT column_name, data_type FROM information_schema.columns"
                      + " WHERE table_schema = current_schema() AND table_name = 'component_runs'"
                      + " AND column_name IN ('input_values', 'output_values', 'value_summaries',"
                      + " 'value_template', 'value_entries')"
                      + " ORDER BY column_name"));
          keys = templateKeys(st);
          assertEquals(RUNS.size(), keys.size(), "runs: " + keys);
          assertEquals(
              shapes.size() + exactTemplates.size(),
              count(st, "SELECT COUNT(*) FROM value_templates"),
              "one identity template a shape, one content template a letter");
          assertEquals(
              shapes.size(),
              count(st, "SELECT COUNT(*) FROM value_templates WHERE template_key < 0"),
              "identity templates");
          assertEquals(
              shapes.size() + exactTemplates.size(),
              count(st, "SELECT COUNT(DISTINCT value_template) FROM component_runs"),
              "templates the runs use");
          assertEquals(
              List.of("null|null"),
              rows(st, "SELECT value_template, value_entries FROM component_runs WHERE id = 'r4'"));
        }
        for (Run a : RUNS) {
          Integer key = keys.get(a.id());
          if (a.content() == null) {
            assertNull(key, a.id() + " has no values, so no template");
            continue;
          }
          assertNotNull(key, a.id());
          String[] t = texts.get(a.id());
          if (a.exact()) {
            assertTrue(key > 0, a.id() + ": a content template's key " + key);
            assertEquals(contentParts(c, t), templateParts(c, key), a.id() + ": its template");
            assertEquals(valueEntries(c, t), entriesOf(c, a.id()), a.id() + ": its entries");
            assertNotNull(entriesOf(c, a.id()), a.id());
          } else {
            assertEquals(identityKey(a), key, a.id() + ": the key of its numbers of values");
            assertEquals(identityParts(a), templateParts(c, key), a.id() + ": its template");
            assertEquals(concatWs(t), entriesOf(c, a.id()), a.id() + ": all its entries");
          }
          for (Run b : RUNS) {
            if (b.content() == null || a == b) {
              continue;
            }
            boolean same =
                a.exact()
                    ? b.exact() && a.content().equals(b.content())
                    : !b.exact() && identityKey(a) == identityKey(b);
            if (same) {
              assertEquals(key, keys.get(b.id()), a.id() + " and " + b.id());
            } else {
              assertNotEquals(key, keys.get(b.id()), a.id() + " and " + b.id());
            }
          }
        }

        // 2. The views: same columns, types and rows (the trailing entries of a partial value
        // are no row, before as after).
        Map<String, List<String>> after = views(c);
        for (String view : before.keySet()) {
          assertEquals(before.get(view), after.get(view), view);
        }
        assertEquals(before, after);

        // 3. Every run's arrays come back exactly from its template and entries.
        roundTrips(c, texts);

        // 4. mltrace_value_template finds the template of a run stored the exact way; for a run
        // stored the identity way it stores its content template, once.
        try (Statement st = c.createStatement()) {
          long stored = count(st, "SELECT COUNT(*) FROM value_templates");
          for (Run run : RUNS) {
            if (run.exact()) {
              String[] t = texts.get(run.id());
              assertEquals(keys.get(run.id()), valueTemplate(c, t[0], t[1], t[2]), run.id());
            }
          }
          assertEquals(stored, count(st, "SELECT COUNT(*) FROM value_templates"), "none added");

          Map<String, Integer> added = new TreeMap<>();
          for (Run run : RUNS) {
            if (run.content() == null || run.exact()) {
              continue;
            }
            String[] t = texts.get(run.id());
            Integer key = valueTemplate(c, t[0], t[1], t[2]);
            assertNotNull(key, run.id());
            assertTrue(key > 0, run.id() + ": a content template's key " + key);
            assertTrue(!keys.containsValue(key), run.id() + ": a new key " + key + " " + keys);
            assertEquals(contentParts(c, t), templateParts(c, key), run.id() + ": its template");
            Integer before1 = added.putIfAbsent(run.content(), key);
            if (before1 != null) {
              assertEquals(before1, key, run.id() + ": the template of " + run.content());
            }
            assertEquals(key, valueTemplate(c, t[0], t[1], t[2]), run.id() + ": found again");
          }
          assertEquals(contentTemplates, added.keySet());
          assertEquals(
              contentTemplates.size(), new HashSet<>(added.values()).size(), "one key a letter");
          assertEquals(
              stored + contentTemplates.size(),
              count(st, "SELECT COUNT(*) FROM value_templates"),
              "each added once");
          assertEquals(keys, templateKeys(st), "the runs keep their templates");
          assertNull(valueTemplate(c, null, null, null), "no values, no template");
          assertEquals(
              stored + contentTemplates.size(),
              count(st, "SELECT COUNT(*) FROM value_templates"),
              "none for no values");
        }
        assertEquals(before, views(c));

        // 5. Migrating again does nothing.
        MigrateResult again = OlderSchema.again(url);
        assertEquals(0, again.migrationsExecuted, "nothing left to migrate");
        try (Statement st = c.createStatement()) {
          assertEquals(
              List.of("true"),
              rows(
                  st,
                  "SELECT success FROM flyway_schema_history WHERE version = '052'"
                      + " AND script = 'V052__value_templates.sql'"));
        }
        assertEquals(before, views(c));
      }
      try (Database db = Database.open(url, Database.Access.EXISTING);
          Statement st = db.connection().createStatement()) {
        assertEquals(before, views(db.connection()));
        assertEquals(
            shapes.size() + exactTemplates.size() + contentTemplates.size(),
            count(st, "SELECT COUNT(*) FROM value_templates"),
            "and the ones added");
      }
    } finally {
      schema.drop();
    }
  }

  /** The three parts of the template of this key. */
  private static List<String> templateParts(Connection c, int key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT input_entries, output_entries, summary_entries FROM value_templates"
                + " WHERE template_key = ?")) {
      ps.setInt(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "template " + key);
        return Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3));
      }
    }
  }

  /** What mltrace_template_parts gives for these V050 texts. */
  private static List<String> contentParts(Connection c, String[] texts) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT input_entries, output_entries, summary_entries FROM"
                + " mltrace_template_parts(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(i + 1, texts[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3));
      }
    }
  }

  /** What mltrace_value_entries gives for these V050 texts. */
  private static String valueEntries(Connection c, String[] texts) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT mltrace_value_entries(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(i + 1, texts[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return rs.getString(1);
      }
    }
  }

  /** The run's value_entries. */
  private static String entriesOf(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT value_entries FROM component_runs WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), id);
        return rs.getString(1);
      }
    }
  }

  /** The runs as the collector stored them from V050 on, written by SQL. */
  private static void writeTheV050Way(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("INSERT INTO components (name) VALUES ('train')");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO component_runs (id, component, start_time, end_time, status, ingested_at,"
                + " input_values, output_values, value_summaries) VALUES (?, 'train', "
                + at(0)
                + ", "
                + at(1)
                + ", 'ok', "
                + at(2)
                + ", mltrace_entries_text(CAST(? AS TEXT[])),"
                + " mltrace_entries_text(CAST(? AS TEXT[])),"
                + " mltrace_entries_text(CAST(? AS TEXT[])))")) {
      for (Run run : RUNS) {
        ps.setString(1, run.id());
        String[][] arrays = {run.inputs(), run.outputs(), run.summaries()};
        for (int i = 0; i < arrays.length; i++) {
          if (arrays[i] == null) {
            ps.setNull(i + 2, Types.ARRAY);
          } else {
            ps.setArray(i + 2, c.createArrayOf("text", arrays[i]));
          }
        }
        ps.executeUpdate();
      }
    }
  }

  /** Each run's three V050 texts, as stored before the migration. */
  private static Map<String, String[]> v050Texts(Connection c) throws SQLException {
    Map<String, String[]> out = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, input_values, output_values, value_summaries FROM component_runs")) {
      while (rs.next()) {
        out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
      }
    }
    assertEquals(RUNS.size(), out.size());
    for (Run run : RUNS) {
      String[] t = out.get(run.id());
      assertEquals(run.inputs() == null, t[0] == null, run.id());
      assertEquals(run.outputs() == null, t[1] == null, run.id());
      assertEquals(run.summaries() == null, t[2] == null, run.id());
    }
    return out;
  }

  /** Each run's value_template (null when it has none). */
  private static Map<String, Integer> templateKeys(Statement st) throws SQLException {
    return QueryRows.keysById(st, "SELECT id, value_template FROM component_runs");
  }

  private static Integer valueTemplate(
      Connection c, String inputs, String outputs, String summaries) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT mltrace_value_template(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))")) {
      ps.setString(1, inputs);
      ps.setString(2, outputs);
      ps.setString(3, summaries);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int key = rs.getInt(1);
        return rs.wasNull() ? null : key;
      }
    }
  }

  /**
   * For every run, the arrays of its template and entries are the arrays written, and the V050
   * texts the template's format() gives are the texts that were stored.
   */
  private static void roundTrips(Connection c, Map<String, String[]> texts) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT mltrace_run_entries(t.input_entries, r.value_entries),"
                + " mltrace_run_entries(t.output_entries, r.value_entries),"
                + " mltrace_run_entries(t.summary_entries, r.value_entries),"
                + " mltrace_entries(CAST(? AS TEXT)), mltrace_entries(CAST(? AS TEXT)),"
                + " mltrace_entries(CAST(? AS TEXT)),"
                + " format(t.input_entries, VARIADIC string_to_array(r.value_entries, E'\\x1f')),"
                + " format(t.output_entries, VARIADIC string_to_array(r.value_entries, E'\\x1f')),"
                + " format(t.summary_entries,"
                + " VARIADIC string_to_array(r.value_entries, E'\\x1f'))"
                + " FROM component_runs r"
                + " LEFT JOIN value_templates t ON t.template_key = r.value_template"
                + " WHERE r.id = ?")) {
      for (Run run : RUNS) {
        String[] t = texts.get(run.id());
        for (int i = 0; i < 3; i++) {
          ps.setString(i + 1, t[i]);
        }
        ps.setString(4, run.id());
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), run.id());
          String[][] written = {run.inputs(), run.outputs(), run.summaries()};
          for (int i = 0; i < 3; i++) {
            String what = run.id() + " column " + i;
            Object[] migrated = array(rs, i + 1);
            assertArrayEquals(array(rs, i + 4), migrated, what + ": as mltrace_entries of V050");
            assertArrayEquals(written[i], migrated, what + ": as written");
            assertEquals(t[i], rs.getString(i + 7), what + ": the V050 text");
          }
        }
      }
    }
  }

  private static Object[] array(ResultSet rs, int column) throws SQLException {
    java.sql.Array a = rs.getArray(column);
    return a == null ? null : (Object[]) a.getArray();
  }

  /** Each view's columns with their types, then its rows in a fixed order. */
  private static Map<String, List<String>> views(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      return QueryRows.snapshot(st, QueryRows.valueViews());
    }
  }
}
