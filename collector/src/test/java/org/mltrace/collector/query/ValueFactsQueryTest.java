package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.testing.TestDatabases;

/**
 * Event format 2 through ingest and queries, on H2 and on PostgreSQL (migration V002): summaries,
 * file fingerprints and mtimes, redacted values, and lineage that tells file versions apart. The
 * PostgreSQL half is skipped with a message when 127.0.0.1:5432 cannot be reached, unless {@code
 * MLTRACE_REQUIRE_POSTGRES=true}, which fails instead.
 */
class ValueFactsQueryTest {
  private static final String SERVER =
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";
  private static final ValueSummary WEIGHTS =
      new ValueSummary("number", "stride", 1_000_000, 1024, 0, 2, -1.5, 9.25, 0.125, 2.5, 977);
  private static final ValueSummary NOTHING =
      new ValueSummary(
          "none", "all", 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

  @TempDir Path tmp;

  private static List<Event> events() {
    CapturedValue weights =
        new CapturedValue(
            "weights",
            ValueKind.POINTER,
            "mem://a/double[]@1",
            "data",
            "double[]",
            1_000_000,
            WEIGHTS,
            null);
    CapturedValue empty =
        new CapturedValue(
            "names",
            ValueKind.POINTER,
            "mem://a/java.util.ArrayList@2",
            "data",
            "java.util.ArrayList",
            0,
            NOTHING,
            null);
    CapturedValue secret =
        new CapturedValue(
            "password", ValueKind.REDACTED, "sha256:00ff", null, "java.lang.String", -1);
    CapturedValue accuracy =
        new CapturedValue("accuracy", ValueKind.DOUBLE, "0.93", "metric", "java.lang.Double", -1);
    return List.of(
        // prep writes version A of the file, then a rerun outside mltrace's view overwrites it (B)
        run("prep-1", "prep").at(0, 1).writesVersion("out", "/data/f.csv", "xxh64:aaaa").build(),
        run("prep-2", "prep").at(2, 3).writesVersion("out", "/data/g.csv", "xxh64:cccc").build(),
        run("train-1", "train")
            .at(5, 6)
            .readsVersion("features", "/data/f.csv", "xxh64:bbbb")
            .readsVersion("more", "/data/g.csv", "xxh64:cccc")
            .input(weights)
            .input(empty)
            .input(secret)
            .output(accuracy)
            .build());
  }

  private void exercise(String url) throws Exception {
    assertEquals(3, TestDatabases.ingest(url, tmp, events()).runs());
    try (QueryService queries = QueryService.open(url)) {
      RunDetail detail = queries.inspect("train-1");
      List<ValueView> in = detail.run().inputs();
      assertEquals("xxh64:bbbb", in.get(0).fingerprint());
      assertEquals("2023-11-14T22:13:20Z", in.get(0).modifiedAt().toString());
      assertEquals(WEIGHTS, in.get(2).summary());
      assertEquals("pointer", in.get(2).kind(), "a summarized object stays a pointer");
      assertEquals(NOTHING, in.get(3).summary(), "NaN moments come back as NaN");
      assertEquals("redacted", in.get(4).kind());
      assertNull(in.get(4).summary());
      assertEquals("metric", detail.run().outputs().get(0).type());

      // only g.csv links: f.csv was overwritten after prep-1 wrote it
      assertEquals(List.of("prep-2"), detail.dependencies().stream().map(LinkView::runId).toList());

      JsonNode json = new ObjectMapper().readTree(JsonRenderer.render(detail));
      JsonNode features = json.get("inputs").get(0);
      assertEquals("xxh64:bbbb", features.get("fingerprint").asText());
      JsonNode summary = json.get("inputs").get(2).get("summary");
      assertEquals(1_000_000, summary.get("count").asLong());
      assertEquals(1024, summary.get("sampled").asLong());
      assertEquals(2.5, summary.get("stddev").asDouble());
      assertEquals("stride", summary.get("sampling").asText());
      assertTrue(json.get("inputs").get(3).get("summary").get("mean").isNull());
      assertFalse(JsonRenderer.render(detail).contains("NaN"));

      TraceResult trace = queries.trace("train-1");
      JsonNode traced = new ObjectMapper().readTree(JsonRenderer.render(trace));
      assertEquals(977, traced.get("inputs").get(2).get("summary").get("distinct").asLong());
      assertEquals(1, traced.get("upstream").size());

      Object v002 =
          queries
              .sql(
                  "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"script\" = 'V002__value_summaries_and_fingerprints.sql' AND \"success\"")
              .rows()
              .get(0)
              .get(0);
      assertEquals(1L, ((Number) v002).longValue(), "migration V002 applied");
    }
  }

  @Test
  void onH2() throws Exception {
    exercise(TestDatabases.h2Url(tmp));
  }

  @Test
  void onPostgres() throws Exception {
    String schema = "mltrace_v2_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(SERVER);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      String why =
          "PostgreSQL at 127.0.0.1:5432 is not reachable ("
              + e.getMessage()
              + "): skipping PostgreSQL tests";
      if ("true".equals(System.getenv("MLTRACE_REQUIRE_POSTGRES"))) {
        fail(why.replace("skipping", "required by MLTRACE_REQUIRE_POSTGRES"));
      }
      System.err.println(why);
      Assumptions.abort(why);
    }
    try {
      exercise(SERVER + "&currentSchema=" + schema);
    } finally {
      try (Connection c = DriverManager.getConnection(SERVER);
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
