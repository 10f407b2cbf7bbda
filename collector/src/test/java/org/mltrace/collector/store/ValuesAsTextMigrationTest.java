package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mltrace.collector.store.ArrayRunRows.at;
import static org.mltrace.collector.store.QueryRows.rows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V050 (PostgreSQL): a database whose runs keep their values in VARCHAR arrays upgrades in place to
 * one text column each. The views {@code run_inputs}, {@code run_outputs} and {@code
 * run_value_summaries} answer the same columns, types and rows as before, for entries that hold the
 * format's own separator, NULL mark and escape character, quotes, braces, empty strings, the text
 * "NULL" and surrogate pairs, for NULL entries and for runs without values; and the collector reads
 * back the arrays that were stored.
 */
class ValuesAsTextMigrationTest {
  /** A text value that holds every character the stored text or an array literal treats apart. */
  private static final String AWKWARD =
      "a\u001fb\u0001c\u0002d\u0002\u0003e\u0002\u0005 \"q\" \\ {x,y} NULL \uD83D\uDE00";

  private static final String[] R1_INPUTS = {
    "path",
    "POINTER",
    "/d/in\u001fput.csv",
    "java.nio.file.Path",
    "12",
    "data",
    "2026-01-01T10:00:00Z",
    "xxh64:ab",
    "note",
    "STRING",
    AWKWARD,
    "java.lang.String",
    "44",
    null,
    null,
    null,
    "\u0001",
    "STRING",
    "",
    "java.lang.String",
    "0",
    null,
    null,
    null,
    "empty",
    "NULL",
    null,
    null,
    null,
    null,
    null,
    null
  };

  private static final String[] R1_OUTPUTS = {
    "return",
    "DOUBLE",
    "0.25",
    "java.lang.Double",
    null,
    "metric",
    null,
    null,
    "list",
    "POINTER",
    "mem://agent/java.util.ArrayList@1",
    "java.util.ArrayList",
    "3",
    null,
    null,
    null
  };

  private static final String[] R1_SUMMARIES = {
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
    "3",
    "input",
    "1",
    "string",
    "head",
    "1024",
    "1024",
    "0",
    "0",
    null,
    null,
    null,
    null,
    "17"
  };

  private static final String[] R2_INPUTS = {
    "\u0002", "STRING", "\u0001", "\u001f", null, "NULL", null, "\u0002\u0004"
  };

  @Test
  void viewsAnswerTheSameRowsAfterTheValuesBecomeText() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "49");
      Map<String, List<String>> before;
      try (Connection c = DriverManager.getConnection(direct)) {
        writeTheV048Way(c);
        before = views(c);
      }
      assertEquals(1 + 5, before.get("run_inputs").size(), "header and rows: " + before);
      assertEquals(1 + 2, before.get("run_outputs").size(), "header and rows: " + before);
      assertEquals(1 + 2, before.get("run_value_summaries").size(), "header and rows: " + before);
      // The columns as V050 left them (V052 moves them into value templates: its own test)
      try (Connection c = DriverManager.getConnection(OlderSchema.upTo(url, "51"));
          Statement st = c.createStatement()) {
        assertEquals(before, views(c));
        assertEquals(
            List.of("input_values|text", "output_values|text", "value_summaries|text"),
            rows(
                st,
                "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = 'component_runs'"
                    + " AND column_name IN ('input_values', 'output_values', 'value_summaries')"
                    + " ORDER BY column_name"));
      }
      try (Database db = Database.open(url, Database.Access.EXISTING)) {
        Connection c = db.connection();
        assertEquals(before, views(c));
        Object[][] r1 = RunValueReader.arrays(db, List.of("r1")).get("r1");
        assertArrayEquals(R1_INPUTS, r1[0]);
        assertArrayEquals(R1_OUTPUTS, r1[1]);
        assertArrayEquals(R1_SUMMARIES, r1[2]);
        Object[][] r2 = RunValueReader.arrays(db, List.of("r2")).get("r2");
        assertArrayEquals(R2_INPUTS, r2[0]);
        Object[][] r3 = RunValueReader.arrays(db, List.of("r3")).get("r3");
        assertNull(r3[0]);
        assertNull(r3[1]);
        assertNull(r3[2]);
      }
    } finally {
      schema.drop();
    }
  }

  /** Three runs as the collector stored them before V050: r3 has no values. */
  private static void writeTheV048Way(Connection c) throws SQLException {
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
                + ", ?, ?, ?)")) {
      insert(c, ps, "r1", R1_INPUTS, R1_OUTPUTS, R1_SUMMARIES);
      insert(c, ps, "r2", R2_INPUTS, null, null);
      insert(c, ps, "r3", null, null, null);
    }
  }

  private static void insert(Connection c, PreparedStatement ps, String id, String[]... arrays)
      throws SQLException {
    ps.setString(1, id);
    for (int i = 0; i < arrays.length; i++) {
      ps.setArray(i + 2, arrays[i] == null ? null : c.createArrayOf("varchar", arrays[i]));
    }
    ps.executeUpdate();
  }

  /** Each view's columns with their types, then its rows in a fixed order. */
  private static Map<String, List<String>> views(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      return QueryRows.snapshot(st, QueryRows.valueViews());
    }
  }
}
