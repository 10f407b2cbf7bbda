package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The text a run's value array is stored as on PostgreSQL (V050): the Java encoder and decoder and
 * the SQL functions {@code mltrace_entries} and {@code mltrace_entries_text} agree on every array
 * of one entry or more, whatever its entries hold: the separator, the NULL mark and the escape
 * character themselves, the escape codes, quotes and braces (the SQL decoder builds an array
 * literal), empty strings, NULL entries, the text "NULL", surrogate pairs.
 */
class ValueEntriesTextTest {
  /** Characters that mean something to the format or to an array literal, and plain ones. */
  private static final String[] PIECES = {
    "\u001f",
    "\u0001",
    "\u0002",
    "\u0003",
    "\u0004",
    "\u0005",
    "\"",
    "\\",
    "{",
    "}",
    ",",
    " ",
    "NULL",
    "a",
    "b",
    "7",
    "é",
    "\uD83D\uDE00",
    "\u0002\u0003",
    "\u0002\u0005"
  };

  @Test
  void writesEntriesJoinedBySeparatorWithNullMarkAndEscapes() {
    assertEquals(
        "a\u001f\u0001\u001fx\u0002\u0003y\u0002\u0004\u0002\u0005\u001f",
        ValueEntriesText.encode(new Object[] {"a", null, "x\u001fy\u0001\u0002", ""}));
    assertEquals("\u0002\u0004", ValueEntriesText.encode(new Object[] {"\u0001"}));
  }

  @Test
  void anEmptyOrNullArrayIsNullAndTheEmptyTextOneEmptyEntry() {
    assertNull(ValueEntriesText.encode(null));
    assertNull(ValueEntriesText.encode(new Object[0]));
    assertNull(ValueEntriesText.decode(null));
    assertEquals("", ValueEntriesText.encode(new Object[] {""}));
    assertArrayEquals(new String[] {""}, ValueEntriesText.decode(""));
    assertArrayEquals(new String[] {null}, ValueEntriesText.decode("\u0001"));
    assertArrayEquals(new String[] {"\u0001"}, ValueEntriesText.decode("\u0002\u0004"));
  }

  @Test
  void decodesWhatItEncodes() {
    Random random = new Random(15);
    for (int i = 0; i < 5_000; i++) {
      String[] entries = randomEntries(random);
      assertArrayEquals(
          entries,
          ValueEntriesText.decode(ValueEntriesText.encode(entries)),
          Arrays.toString(entries));
    }
  }

  @Test
  void postgresFunctionsAgreeWithJava() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try (Database db = Database.open(schema.create(), Database.Access.CREATE)) {
      Connection c = db.connection();
      Random random = new Random(50);
      List<String[]> arrays = new ArrayList<>();
      arrays.add(new String[] {""});
      arrays.add(new String[] {null});
      arrays.add(new String[] {"", ""});
      arrays.add(new String[] {"\u0001"});
      arrays.add(new String[] {"NULL", null, "\"NULL\""});
      for (int i = 0; i < 1_000; i++) {
        arrays.add(randomEntries(random));
      }
      try (PreparedStatement decode = c.prepareStatement("SELECT mltrace_entries(?)");
          PreparedStatement encode =
              c.prepareStatement("SELECT mltrace_entries_text(CAST(? AS TEXT[]))")) {
        for (String[] entries : arrays) {
          String what = Arrays.toString(entries);
          String text = ValueEntriesText.encode(entries);
          decode.setString(1, text);
          assertArrayEquals(entries, arrayOf(decode), "mltrace_entries of Java's text: " + what);
          encode.setArray(1, c.createArrayOf("text", entries));
          String sqlText = stringOf(encode);
          assertEquals(text, sqlText, "mltrace_entries_text: " + what);
          assertArrayEquals(entries, ValueEntriesText.decode(sqlText), what);
        }
        decode.setString(1, null);
        assertNull(arrayOf(decode));
        encode.setArray(1, c.createArrayOf("text", new String[0]));
        assertNull(stringOf(encode), "an empty array is NULL, as the collector writes none");
      }
    } finally {
      schema.drop();
    }
  }

  /**
   * PostgreSQL inlines mltrace_run_entries (V052) and the mltrace_entries it calls into the query
   * (a call it cannot inline, for instance of a function declared IMMUTABLE over the STABLE
   * array_in, cost 3-5 us a run).
   */
  @Test
  void postgresInlinesTheDecoder() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try (Database db = Database.open(schema.create(), Database.Access.CREATE);
        Statement st = db.connection().createStatement()) {
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs =
          st.executeQuery(
              "EXPLAIN (VERBOSE) SELECT r.id, e.v FROM component_runs r"
                  + " LEFT JOIN value_templates t ON t.template_key = r.value_template"
                  + " CROSS JOIN LATERAL mltrace_run_entries(t.input_entries, r.value_entries)"
                  + " AS e(v)")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertFalse(plan.toString().contains("mltrace_entries("), plan.toString());
      assertFalse(plan.toString().contains("mltrace_run_entries("), plan.toString());
      assertTrue(plan.toString().contains("format("), plan.toString());
      assertTrue(plan.toString().contains("string_to_array("), plan.toString());
    } finally {
      schema.drop();
    }
  }

  private static Object[] arrayOf(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      java.sql.Array a = rs.getArray(1);
      return a == null ? null : (Object[]) a.getArray();
    }
  }

  private static String stringOf(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** 1 to 20 entries: NULL (one in eight), empty (one in eight), or up to 6 random pieces. */
  private static String[] randomEntries(Random random) {
    String[] entries = new String[1 + random.nextInt(20)];
    for (int i = 0; i < entries.length; i++) {
      int kind = random.nextInt(8);
      if (kind == 0) {
        entries[i] = null;
      } else if (kind == 1) {
        entries[i] = "";
      } else {
        StringBuilder b = new StringBuilder();
        for (int p = random.nextInt(6) + 1; p > 0; p--) {
          b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        entries[i] = b.toString();
      }
    }
    return entries;
  }
}
