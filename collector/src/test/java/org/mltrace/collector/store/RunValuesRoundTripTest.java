package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;

/**
 * Values stored in the run's arrays (batched on H2, COPY on PostgreSQL) read back exactly: text
 * with the characters COPY and array literals escape, NUL replaced as before, numbers of a summary
 * to the last bit, NULL entries as NULL.
 */
class RunValuesRoundTripTest {
  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
  private static final String AWKWARD =
      "tab\there \"quoted\" back\\slash {braces},comma\nline\r NULL";

  @TempDir Path tmp;

  @Test
  void h2() throws SQLException {
    roundTrip(TestDatabases.h2Url(tmp));
  }

  @Test
  void postgres() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try {
      roundTrip(schema.create());
    } finally {
      schema.drop();
    }
  }

  private static void roundTrip(String url) throws SQLException {
    ValueSummary summary =
        new ValueSummary(
            "number", "stride", 100_000, 1024, 1, 2, -0.1, 1e-300, 1.0 / 3, Double.NaN, 7);
    try (Database db = Database.open(url, Database.Access.CREATE)) {
      new JdbcIngestStore(db)
          .inTransaction(
              tx -> {
                tx.insertRun(
                    run("r1", "train")
                        .input(RunBuilder.string("s", AWKWARD))
                        .input(RunBuilder.string("nul", "a\0b"))
                        .input(new CapturedValue("n", ValueKind.NULL, null, null, null, -1))
                        .reads("in", "/d/in put\t.csv")
                        .output(
                            RunBuilder.pointer("w", "mem://x/double[]@1", "data")
                                .withSummary(summary))
                        .build(),
                    NOW);
                return null;
              });
      JdbcRunRepository runs = new JdbcRunRepository(db);
      var inputs = runs.values(List.of("r1")).inputs().get("r1");
      assertEquals(AWKWARD, inputs.get(0).valueText());
      assertEquals("a\uFFFDb", inputs.get(1).valueText());
      assertEquals("NULL", inputs.get(2).valueKind());
      assertEquals(null, inputs.get(2).valueText());
      assertEquals(null, inputs.get(2).size());
      assertEquals("/d/in put\t.csv", inputs.get(3).pointerId());
      ValueSummary stored = runs.values(List.of("r1")).outputs().get("r1").get(0).summary();
      assertEquals(-0.1, stored.min());
      assertEquals(1e-300, stored.max());
      assertEquals(1.0 / 3, stored.mean());
      assertEquals(Double.NaN, stored.stddev(), "not finite: stored as NULL, read as NaN");
      assertEquals(List.of(1L, 2L, 7L), List.of(stored.nulls(), stored.nans(), stored.distinct()));
      try (Statement st = db.connection().createStatement();
          ResultSet rs = st.executeQuery("SELECT pointer_id FROM run_reads WHERE run_id = 'r1'")) {
        rs.next();
        assertEquals("/d/in put\t.csv", rs.getString(1));
      }
    }
  }
}
