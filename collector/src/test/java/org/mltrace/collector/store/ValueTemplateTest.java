package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * A run's values split into a template and the run's own entries (V052, PostgreSQL; a NULL entry
 * stays in the template): the Java split is V052's SQL split entry for entry (template parts, own
 * entries, signature), and {@code mltrace_run_entries} puts the arrays back together exactly,
 * whatever the entries hold: the format's own characters (%, $, {@code %1$s}), the separators, the
 * NULL mark and the escapes, NULLs, empty strings, more than nine values. The keys of templates are
 * stored once and reused only once committed.
 */
class ValueTemplateTest {
  private static final String[] PIECES = {
    "%", "%%", "$", "%1$s", "%2$", "s", "\u001e", "\u001f", "\u0001", "\u0002", "\u0002\u0003",
    "\"", "\\", "{", ",", "NULL", "a", "7", "é", "\uD83D\uDE00", "POINTER", " "
  };

  @Test
  void javaSplitIsSqlSplitAndJoinsBackExactly() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try (Database db = Database.open(schema.create(), Database.Access.CREATE)) {
      Connection c = db.connection();
      Random random = new Random(52);
      try (PreparedStatement sqlSplit =
              c.prepareStatement(
                  "SELECT p.input_entries, p.output_entries, p.summary_entries,"
                      + " mltrace_value_entries(?, ?, ?),"
                      + " mltrace_template_signature(p.input_entries, p.output_entries,"
                      + " p.summary_entries) FROM mltrace_template_parts(?, ?, ?) p");
          PreparedStatement join =
              c.prepareStatement(
                  "SELECT mltrace_run_entries(?, ?), mltrace_run_entries(?, ?),"
                      + " mltrace_run_entries(?, ?)")) {
        for (int i = 0; i < 600; i++) {
          String[] in = randomArray(random, 8, i == 0 ? 12 : random.nextInt(4));
          String[] out = randomArray(random, 8, random.nextInt(4));
          String[] sums = randomArray(random, 13, random.nextInt(3));
          String what = Arrays.toString(in) + Arrays.toString(out) + Arrays.toString(sums);
          ValueTemplate.Split split = ValueTemplate.split(in, out, sums);
          String[] texts = {
            ValueEntriesText.encode(in), ValueEntriesText.encode(out), ValueEntriesText.encode(sums)
          };
          for (int k = 0; k < 3; k++) {
            sqlSplit.setString(k + 1, texts[k]);
            sqlSplit.setString(k + 4, texts[k]);
          }
          try (ResultSet rs = sqlSplit.executeQuery()) {
            rs.next();
            if (split.template() == null) {
              assertNull(rs.getString(1), what);
              assertNull(rs.getString(4), what);
              continue;
            }
            assertEquals(split.template().inputs(), rs.getString(1), what);
            assertEquals(split.template().outputs(), rs.getString(2), what);
            assertEquals(split.template().summaries(), rs.getString(3), what);
            assertEquals(split.entries(), rs.getString(4), what);
            assertEquals(split.template().signature(), rs.getString(5), what);
          }
          join.setString(1, split.template().inputs());
          join.setString(3, split.template().outputs());
          join.setString(5, split.template().summaries());
          for (int k = 2; k <= 6; k += 2) {
            join.setString(k, split.entries());
          }
          try (ResultSet rs = join.executeQuery()) {
            rs.next();
            assertArrayEquals(in, arrayOf(rs, 1), "inputs of " + what);
            assertArrayEquals(out, arrayOf(rs, 2), "outputs of " + what);
            assertArrayEquals(sums, arrayOf(rs, 3), "summaries of " + what);
          }
          assertArrayEquals(
              in, ValueTemplate.entries(split.template().inputs(), split.entries()), what);
          assertArrayEquals(
              out, ValueTemplate.entries(split.template().outputs(), split.entries()), what);
          assertArrayEquals(
              sums, ValueTemplate.entries(split.template().summaries(), split.entries()), what);
        }
      }
    } finally {
      schema.drop();
    }
  }

  /**
   * Java reads what SQL reads from templates V052 writes itself: identity templates (only
   * placeholders, the first numbered), templates without placeholders, one empty entry.
   */
  @Test
  void javaReadsTheTemplatesTheMigrationWrites() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try (Database db = Database.open(schema.create(), Database.Access.CREATE);
        PreparedStatement sql =
            db.connection().prepareStatement("SELECT mltrace_run_entries(?, ?)")) {
      String[][] cases = {
        {"%1$s\u001f%s\u001f%s", "a\u001f\u0001\u001fx\u0002\u0003y"},
        {"%3$s\u001f%s", "a\u001fb\u001fc\u001fd"},
        {"n\u001f%%\u001f%1$s", ""},
        {"", ""},
        {"\u0001\u001f50%%s", null}
      };
      for (String[] c : cases) {
        sql.setString(1, c[0]);
        sql.setString(2, c[1]);
        try (ResultSet rs = sql.executeQuery()) {
          rs.next();
          assertArrayEquals(arrayOf(rs, 1), ValueTemplate.entries(c[0], c[1]), Arrays.toString(c));
        }
      }
      assertArrayEquals(
          new String[] {"n", "%", ""}, ValueTemplate.entries("n\u001f%%\u001f%1$s", ""));
    } finally {
      schema.drop();
    }
  }

  @Test
  void runsOfOneShapeShareATemplateThatDiffersWithKindOrClass() {
    String[] a = {"x", "LONG", "1", "java.lang.Long", null, null, null, null};
    String[] b = {"x", "LONG", "2", "java.lang.Long", null, null, null, null};
    String[] c = {"x", "DOUBLE", "2.5", "java.lang.Double", null, null, null, null};
    assertEquals(
        ValueTemplate.split(a, null, null).template(),
        ValueTemplate.split(b, null, null).template());
    assertNotEquals(
        ValueTemplate.split(a, null, null).template(),
        ValueTemplate.split(c, null, null).template());
    // a NULL stays in the template; the run keeps only what it has
    assertEquals("1", ValueTemplate.split(a, null, null).entries());
    assertEquals(
        "x\u001fLONG\u001f%1$s\u001fjava.lang.Long\u001f\u0001\u001f\u0001\u001f\u0001\u001f\u0001",
        ValueTemplate.split(a, null, null).template().inputs());
    String[] sized = {"x", "LONG", "3", "java.lang.Long", "8", null, null, null};
    assertNotEquals(
        ValueTemplate.split(a, null, null).template(),
        ValueTemplate.split(sized, null, null).template());
    assertEquals("3\u001f8", ValueTemplate.split(sized, null, null).entries());
    assertArrayEquals(
        sized,
        ValueTemplate.entries(
            ValueTemplate.split(sized, null, null).template().inputs(),
            ValueTemplate.split(sized, null, null).entries()));
    assertNull(ValueTemplate.split(null, new String[0], null).template());
  }

  @Test
  void templatesAreStoredOnceAndReusedOnlyOnceCommitted() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try (Database db = Database.open(schema.create(), Database.Access.CREATE)) {
      Connection c = db.connection();
      c.setAutoCommit(false);
      SharedRowKeys<ValueTemplate> keys = new SharedRowKeys<>(ValueTemplate.TABLE);
      ValueTemplate t =
          ValueTemplate.split(
                  new String[] {"x", "LONG", "1", null, null, null, null, null}, null, null)
              .template();

      SharedRowKeys<ValueTemplate>.InTransaction rolledBack = keys.inTransaction(c);
      int first = rolledBack.keysOf(Set.of(t)).get(t);
      assertEquals(
          first, rolledBack.keysOf(List.of(t)).get(t), "the same key within a transaction");
      assertEquals(1, templates(c));
      c.rollback();
      assertEquals(0, templates(c), "the template went with its transaction");

      SharedRowKeys<ValueTemplate>.InTransaction stored = keys.inTransaction(c);
      Map<ValueTemplate, Integer> again = stored.keysOf(Set.of(t));
      assertEquals(1, templates(c), "stored again, not taken from the rolled-back transaction");
      c.commit();
      stored.committed();

      SharedRowKeys<ValueTemplate>.InTransaction later = keys.inTransaction(c);
      assertEquals(again.get(t), later.keysOf(Set.of(t)).get(t));
      SharedRowKeys<ValueTemplate>.InTransaction fresh =
          new SharedRowKeys<>(ValueTemplate.TABLE).inTransaction(c);
      assertEquals(again.get(t), fresh.keysOf(Set.of(t)).get(t), "found in the table by signature");
      assertEquals(1, templates(c));
      c.commit();
    } finally {
      schema.drop();
    }
  }

  private static int templates(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM value_templates")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String[] randomArray(Random random, int stride, int values) {
    if (values == 0) {
      return null;
    }
    String[] out = new String[stride * values];
    for (int i = 0; i < out.length; i++) {
      int kind = random.nextInt(6);
      if (kind == 0) {
        out[i] = null;
      } else if (kind == 1) {
        out[i] = "";
      } else {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(4) + 1; k > 0; k--) {
          b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        out[i] = b.toString();
      }
    }
    return out;
  }

  private static Object[] arrayOf(ResultSet rs, int column) throws SQLException {
    java.sql.Array a = rs.getArray(column);
    return a == null ? null : (Object[]) a.getArray();
  }
}
