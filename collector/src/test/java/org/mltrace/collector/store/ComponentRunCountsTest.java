package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.collector.query.CatalogQuery;
import org.mltrace.collector.query.ComponentSummary;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/**
 * The runs per component and status kept at ingest (V029) instead of counted per call: they follow
 * ingest (failed runs, a replayed batch, a declared component without runs), and a database from
 * before V029 gets them counted by the migration. Compaction: {@code CompactionScenario}.
 */
class ComponentRunCountsTest {
  @TempDir Path tmp;

  @Test
  void h2() throws Exception {
    followsIngest(TestDatabases.h2Url(tmp.resolve("a")), tmp.resolve("a"));
    backfilledByTheMigration(TestDatabases.h2Url(tmp.resolve("b")));
  }

  @Test
  void postgres() throws Exception {
    PostgresSchema a = new PostgresSchema();
    PostgresSchema b = new PostgresSchema();
    try {
      followsIngest(a.create(), tmp.resolve("a"));
      backfilledByTheMigration(b.create());
    } finally {
      a.drop();
      b.drop();
    }
  }

  private static void followsIngest(String url, Path dir) throws Exception {
    TestDatabases.ingest(
        url,
        dir.resolve("q1"),
        List.of(
            new ComponentEvent("idle", "declared, never run", "ml", List.of(), List.of()),
            run("t-1", "train").at(0, 1).build(),
            run("t-2", "train")
                .at(1, 2)
                .failedWith("java.lang.IllegalStateException", "diverged")
                .build(),
            run("p-1", "predict").at(2, 3).build()));
    // the same runs again (a replayed queue) and one new
    TestDatabases.ingest(
        url,
        dir.resolve("q2"),
        List.of(
            run("t-1", "train").at(0, 1).build(),
            run("p-1", "predict").at(2, 3).build(),
            run("p-2", "predict").at(3, 4).build()));
    try (QueryService q = QueryService.open(url)) {
      List<String> counts =
          new CatalogQuery(q)
              .components(null, null).stream().map(c -> c.name() + " " + c.runs()).toList();
      assertEquals(List.of("idle 0", "predict 2", "train 2"), counts);
    }
    assertEquals(
        List.of("predict ok 2", "train failed 1", "train ok 1"),
        rows(
            url,
            "SELECT component, status, runs FROM component_run_counts ORDER BY component, status"));
  }

  private static void backfilledByTheMigration(String url) throws SQLException {
    String direct = OlderSchema.upTo(url, "28");
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO components (name) VALUES ('train')");
      st.execute("INSERT INTO components (name) VALUES ('idle')");
      for (String[] r : new String[][] {{"r1", "ok"}, {"r2", "ok"}, {"r3", "failed"}}) {
        st.execute(
            "INSERT INTO component_runs (id, component, start_time, end_time, status, ingested_at) VALUES ('"
                + r[0]
                + "', 'train', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:01+00', '"
                + r[1]
                + "',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:02+00')");
      }
    }
    try (QueryService q = QueryService.open(url)) { // migrates to the newest version
      List<ComponentSummary> components = new CatalogQuery(q).components(null, null);
      assertEquals(
          List.of("idle 0", "train 3"),
          components.stream().map(c -> c.name() + " " + c.runs()).toList());
    }
    assertEquals(
        List.of("train failed 1", "train ok 2"),
        rows(
            url,
            "SELECT component, status, runs FROM component_run_counts ORDER BY component, status"));
  }

  private static List<String> rows(String url, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(JdbcUrl.parse(url).effective());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
      }
    }
    return rows;
  }
}
