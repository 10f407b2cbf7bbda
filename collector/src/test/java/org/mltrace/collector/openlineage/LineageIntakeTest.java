package org.mltrace.collector.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.openlineage.OpenLineageEvents.event;
import static org.mltrace.collector.openlineage.OpenLineageEvents.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;
import org.mltrace.collector.openlineage.LineageIntake.Outcome;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.testing.TestDatabases;

/** The intake writing a real Chronicle queue that the real drain stores into real H2. */
class LineageIntakeTest {
  static final String RUN = "0190e0a8-9f7c-7b34-a0d3-5f2a8c1e4b77";

  @TempDir Path tmp;

  private DrainResult drain(Path queue) {
    try (Collector collector = Collector.open(TestDatabases.h2Url(tmp))) {
      return collector.drain(queue);
    }
  }

  private List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Database db = Database.open(TestDatabases.h2Url(tmp), Database.Access.EXISTING);
        Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", row));
      }
    }
    return rows;
  }

  @Test
  void startThenCompleteStoresOneFinishedRunWithItsFilesAsPointers() throws Exception {
    Path queue = tmp.resolve("queue");
    try (LineageIntake intake = LineageIntake.open(queue, Clock.systemUTC())) {
      assertEquals(
          Outcome.OPENED,
          intake.accept(event("START", RUN, "2025-03-01T10:00:00Z", file("/data/raw.csv"), "[]")));
      assertEquals(1, intake.openRuns());
      assertEquals(
          Outcome.QUEUED,
          intake.accept(
              event(
                  "COMPLETE",
                  RUN,
                  "2025-03-01T10:00:02.5+00:00",
                  "[]",
                  "[{\"namespace\": \"file\", \"name\": \"/data/./out/features.csv\","
                      + " \"outputFacets\": {\"outputStatistics\": {\"rowCount\": 42, \"size\": 1234}}}]",
                  "{\"mlflow\": {\"_producer\": \"p\", \"accuracy\": 0.91, \"epochs\": 3}}")));
      assertEquals(0, intake.openRuns());
    }
    DrainResult r = drain(queue);
    assertEquals(1, r.runs(), r.toString());
    assertEquals(
        List.of(
            RUN
                + "|etl/featurize|https://example.com/etl/1.0|openlineage|ok|abc123"
                + "|2025-03-01T10:00Z|2025-03-01T10:00:02.500Z|2500000000"),
        rows(
            "SELECT id, component, method, agent_id, status, git_commit, start_time, end_time,"
                + " duration_nanos FROM component_runs"));
    assertEquals(
        List.of("raw.csv|POINTER|/data/raw.csv"),
        rows("SELECT name, value_kind, pointer_id FROM run_inputs ORDER BY position"));
    assertEquals(
        List.of(
            "features.csv|POINTER|/data/out/features.csv|1234",
            "features.csv.rowCount|LONG|42|null",
            "features.csv.size|LONG|1234|null",
            "mlflow.accuracy|DOUBLE|0.91|null",
            "mlflow.epochs|LONG|3|null"),
        rows(
            "SELECT name, value_kind, COALESCE(pointer_id, value_text), size FROM run_outputs"
                + " ORDER BY position"));
  }

  @Test
  void repeatedEventsChangeNothingAndTheRunIsStoredOnce() throws Exception {
    Path queue = tmp.resolve("queue");
    byte[] start = event("START", RUN, "2025-03-01T10:00:00Z", file("/d/a.csv"), "[]");
    byte[] fail =
        event(
            "FAIL",
            RUN,
            "2025-03-01T10:00:01Z",
            "[]",
            "[]",
            "{\"errorMessage\": {\"message\": \"boom\", \"programmingLanguage\": \"python\"}}");
    try (LineageIntake intake = LineageIntake.open(queue, Clock.systemUTC())) {
      assertEquals(Outcome.OPENED, intake.accept(start));
      assertEquals(Outcome.UNCHANGED, intake.accept(start));
      assertEquals(Outcome.QUEUED, intake.accept(fail));
      assertEquals(Outcome.UNCHANGED, intake.accept(fail));
      assertEquals(
          Outcome.UNCHANGED, intake.accept(start), "a START after the end reopens nothing");
      assertEquals(0, intake.openRuns());
    }
    // A collector restarted after it queued the run but before it could mark it closed: the
    // client never saw a 2xx and sends the FAIL again.
    try (Stream<Path> markers = Files.list(queue.resolve(LineageIntake.JOURNAL_DIR))) {
      for (Path m : markers.toList()) {
        Files.delete(m);
      }
    }
    try (LineageIntake intake = LineageIntake.open(queue, Clock.systemUTC())) {
      assertEquals(Outcome.QUEUED, intake.accept(fail));
    }
    DrainResult r = drain(queue);
    assertEquals(1, r.runs(), r.toString());
    assertEquals(1, r.duplicates(), r.toString());
    assertEquals(
        List.of("failed|FAIL|boom"),
        rows("SELECT status, error_class, error_message FROM component_runs"));
  }

  @Test
  void aBadEventIsRefusedWithItsReasonAndLeavesNothing() throws Exception {
    Path queue = tmp.resolve("queue");
    try (LineageIntake intake = LineageIntake.open(queue, Clock.systemUTC())) {
      intake.accept(event("START", RUN, "2025-03-01T10:00:00Z", "[]", "[]"));
      InvalidLineageEventException early =
          assertThrows(
              InvalidLineageEventException.class,
              () -> intake.accept(event("COMPLETE", RUN, "2025-03-01T09:59:59Z", "[]", "[]")));
      assertTrue(
          early.getMessage().contains("is before the run's start at 2025-03-01T10:00:00Z"),
          early.getMessage());
      assertEquals(1, intake.openRuns(), "the run stays open");
    }
    assertTrue(
        Files.list(queue)
            .noneMatch(p -> !p.getFileName().toString().equals(LineageIntake.JOURNAL_DIR)),
        "no queue was created");
  }
}
