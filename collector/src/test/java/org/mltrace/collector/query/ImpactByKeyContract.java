package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.testing.TriggerRows;

/**
 * {@code impact} walks the links by run key (V048) and names the runs it reached at the end: its
 * answer follows start times and ids, never the keys, which here run against the ids (each row gets
 * its key from the column default, in the order it is inserted), and the dependency rows a lost
 * transaction left (a run key no run has) are no link, even for the walk's limit.
 */
abstract class ImpactByKeyContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private String url;
  private TriggerRows rows;

  abstract String url() throws Exception;

  void dropDatabase() throws Exception {}

  @BeforeEach
  void build() throws Exception {
    url = url();
    rows = TriggerRows.open(url);
    rows.component("source", null).component("read", null).component("use", null);
    // s-9 writes /s.csv, read by r-2 and r-10 (keys in that order, ids the other way), whose
    // outputs u-10 and u-1 read (keys in that order too)
    rows.run("s-9", "source", T0, T0.plusSeconds(1)).output("s-9", 0, "POINTER", "/s.csv");
    for (String r : List.of("r-2", "r-10")) {
      rows.run(r, "read", T0.plusSeconds(10), T0.plusSeconds(11))
          .output(r, 0, "POINTER", "/r.csv")
          .output(r, 1, "POINTER", "/" + r + ".csv")
          .input(r, 0, "data", "/s.csv")
          .dependency(r, "s-9", "/s.csv");
    }
    rows.run("u-10", "use", T0.plusSeconds(20), T0.plusSeconds(21))
        .input("u-10", 0, "data", "/r-2.csv")
        .dependency("u-10", "r-2", "/r-2.csv");
    rows.run("u-1", "use", T0.plusSeconds(30), T0.plusSeconds(31))
        .output("u-1", 0, "POINTER", "/u.csv")
        .input("u-1", 0, "data", "/r-10.csv")
        .input("u-1", 1, "more", "/r.csv")
        .dependency("u-1", "r-10", "/r-10.csv")
        .dependency("u-1", "r-2", "/r.csv");
  }

  @AfterEach
  void close() throws Exception {
    rows.close();
    dropDatabase();
  }

  private static List<String> runs(ImpactResult i) {
    return i.runs().stream().map(r -> r.run().id() + ":" + r.depth()).toList();
  }

  private static List<String> outputs(ImpactResult i) {
    return i.outputs().stream().map(o -> o.pointer() + "<" + o.writtenBy()).toList();
  }

  @Test
  void runsComeByStartThenIdAndWritersById() {
    try (QueryService q = QueryService.open(url)) {
      ImpactResult fromRun = new ImpactQuery(q).impact("s-9");
      assertEquals(List.of("r-10:1", "r-2:1", "u-10:2", "u-1:2"), runs(fromRun));
      assertEquals(
          List.of(
              "/r-10.csv<[r-10]",
              "/r-2.csv<[r-2]",
              "/r.csv<[r-10, r-2]",
              "/s.csv<[s-9]",
              "/u.csv<[u-1]"),
          outputs(fromRun),
          "the root run's outputs too");
      assertEquals("data", fromRun.outputs().get(0).type());
      ImpactResult fromPointer = new ImpactQuery(q).impact("/s.csv");
      assertEquals(List.of("r-10:1", "r-2:1", "u-10:2", "u-1:2"), runs(fromPointer));
      assertEquals(
          List.of("/r-10.csv<[r-10]", "/r-2.csv<[r-2]", "/r.csv<[r-10, r-2]", "/u.csv<[u-1]"),
          outputs(fromPointer));
      assertEquals(List.of("u-1:1"), runs(new ImpactQuery(q).impact("r-10")));
    }
  }

  @Test
  void aLostTransactionsDependencyRowsAreNoLinkNorCountTowardTheLimit() throws Exception {
    // two runs of a lost transaction read /s.csv: their rows name keys no run has (V048)
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      for (int lost = 1; lost <= 2; lost++) {
        st.executeUpdate(
            "INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key)"
                + " SELECT (SELECT MAX(run_key) FROM component_runs) + 1000 + "
                + lost
                + ", p.pointer_key, u.run_key FROM component_runs u"
                + " JOIN io_pointers p ON p.identifier = '/s.csv' WHERE u.id = 's-9'");
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    try (QueryService q = QueryService.open(url)) {
      List<String> all = List.of("r-10:1", "r-2:1", "u-10:2", "u-1:2");
      assertEquals(all, runs(new ImpactQuery(q).impact("s-9")));
      // s-9 and its four dependents fill a limit of 5 without passing it: the walk goes to the
      // end (counting the lost rows' keys, it stopped at the first run of the second step)
      assertEquals(all, runs(new ImpactQuery(q).impact("s-9", -1, 5)));
    }
  }
}
