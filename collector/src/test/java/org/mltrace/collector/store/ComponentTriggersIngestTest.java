package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/**
 * Event format 4 through the real queue and drain into H2 and PostgreSQL (migration V012): a
 * component's trigger declarations and stale_after, replaced by a later declaration, and the
 * samples and hashes of a run's values.
 */
class ComponentTriggersIngestTest {
  @TempDir Path tmp;

  private static final ValueSummary FARES =
      new ValueSummary("number", "all", 4, 4, 1, 0, 2.5, 10, 5.5, 3.0, 3);

  private static List<Event> firstDeclarationAndRuns() {
    ComponentEvent featurize =
        new ComponentEvent(
            "featurize",
            "features",
            "ml",
            List.of(),
            List.of("a.B#c(..)"),
            List.of(
                new TriggerDecl(
                    "before_run",
                    "not_null",
                    false,
                    Map.of("variable", "rawFares", "max_fraction", "0.05"),
                    null,
                    "taxi.yaml:12"),
                new TriggerDecl(
                    "before_run",
                    "range",
                    false,
                    Map.of("variable", "rawFares", "min", "0"),
                    null,
                    "taxi.yaml:15"),
                new TriggerDecl(
                    "after_run",
                    "psi",
                    false,
                    Map.of(
                        "variable",
                        "fares",
                        "reference.component",
                        "train",
                        "reference.variable",
                        "x"),
                    true,
                    "taxi.yaml:19"),
                new TriggerDecl(
                    "after_run",
                    "tip_rate_check",
                    true,
                    Map.of("any_arg", "1"),
                    false,
                    "taxi.yaml:24")),
            "12h");
    CapturedValue sampled =
        new CapturedValue(
            "fares",
            ValueKind.POINTER,
            "mem://a/double[]@1",
            "data",
            "double[]",
            4,
            FARES.withExtras(new double[] {2.5, 4.0, Double.NaN, -0.0}, null),
            null);
    CapturedValue hashed =
        new CapturedValue(
            "ids",
            ValueKind.POINTER,
            "mem://a/java.util.ArrayList@2",
            "data",
            "java.util.ArrayList",
            2,
            FARES.withExtras(null, new long[] {Long.MIN_VALUE, 1}),
            null);
    CapturedValue plain =
        new CapturedValue(
            "other", ValueKind.POINTER, "mem://a/double[]@3", "data", "double[]", 4, FARES, null);
    return List.of(
        featurize,
        run("f-1", "featurize").at(0, 1).input(plain).input(hashed).output(sampled).build(),
        run("f-2", "featurize").at(2, 3).input(plain).build());
  }

  private void exercise(String url) throws Exception {
    assertEquals(
        2, TestDatabases.ingest(url, tmp.resolve("first"), firstDeclarationAndRuns()).runs());
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(
          List.of(
              "after_run|0|psi|false|{\"reference.component\":\"train\",\"reference.variable\":\"x\",\"variable\":\"fares\"}|true|taxi.yaml:19",
              "after_run|1|tip_rate_check|true|{\"any_arg\":\"1\"}|false|taxi.yaml:24",
              "before_run|0|not_null|false|{\"max_fraction\":\"0.05\",\"variable\":\"rawFares\"}|null|taxi.yaml:12",
              "before_run|1|range|false|{\"min\":\"0\",\"variable\":\"rawFares\"}|null|taxi.yaml:15"),
          triggers(c, "featurize"));
      assertEquals(12L * 3600, staleAfter(c, "featurize"));

      List<Object[]> samples = samples(c);
      assertEquals(
          2, samples.size(), "one row per value carrying a sample or hashes, none for the rest");
      assertEquals("f-1|input|1", samples.get(0)[0]);
      assertNull(samples.get(0)[1]);
      assertArrayEquals(
          new long[] {Long.MIN_VALUE, 1}, ValueSampleBytes.longs((byte[]) samples.get(0)[2]));
      // big-endian: Long.MIN_VALUE is 0x80 then seven zero bytes
      assertArrayEquals(
          new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
          (byte[]) samples.get(0)[2]);
      assertEquals("f-1|output|0", samples.get(1)[0]);
      assertArrayEquals(
          new double[] {2.5, 4.0, Double.NaN, -0.0},
          ValueSampleBytes.doubles((byte[]) samples.get(1)[1]));
      assertNull(samples.get(1)[2]);
    }

    // A later agent start declares the component again: its rows replace the earlier ones.
    ComponentEvent again =
        new ComponentEvent(
            "featurize",
            "features",
            "ml",
            List.of(),
            List.of("a.B#c(..)"),
            List.of(
                new TriggerDecl(
                    "after_run",
                    "ks",
                    false,
                    Map.of("variable", "fares", "reference", "previous"),
                    null,
                    "taxi.yaml:30")),
            null);
    TestDatabases.ingest(url, tmp.resolve("second"), List.of(again));
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(
          List.of(
              "after_run|0|ks|false|{\"reference\":\"previous\",\"variable\":\"fares\"}|null|taxi.yaml:30"),
          triggers(c, "featurize"));
      assertNull(staleAfter(c, "featurize"), "no stale_after: the default, stored as null");
    }
  }

  private static List<String> triggers(Connection c, String component) throws Exception {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT phase, position, trigger_name, user_trigger, args, alert, source FROM component_triggers"
                + " WHERE component = ? ORDER BY phase, position")) {
      ps.setString(1, component);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object alert = rs.getObject(6);
          rows.add(
              rs.getString(1)
                  + "|"
                  + rs.getInt(2)
                  + "|"
                  + rs.getString(3)
                  + "|"
                  + rs.getBoolean(4)
                  + "|"
                  + rs.getString(5)
                  + "|"
                  + alert
                  + "|"
                  + rs.getString(7));
        }
      }
    }
    return rows;
  }

  private static Long staleAfter(Connection c, String component) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT stale_after_seconds FROM components WHERE name = ?")) {
      ps.setString(1, component);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
      }
    }
  }

  private static List<Object[]> samples(Connection c) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT run_id, direction, position, sample_values, element_hashes FROM run_value_samples"
                + " ORDER BY run_id, direction, position")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Object[] {
                rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3),
                rs.getBytes(4),
                rs.getBytes(5)
              });
        }
      }
    }
    return rows;
  }

  @Test
  void onH2() throws Exception {
    exercise(TestDatabases.h2Url(tmp));
  }

  @Test
  void onPostgres() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      exercise(schema.create());
    } finally {
      schema.drop();
    }
  }
}
