package org.mltrace.collector.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.FileFacts;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.store.ArtifactSnapshot;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestQueues;

/** Snapshots recorded in and restored from PostgreSQL (skipped with a message without a server). */
class PostgresSnapshotTest {
  @TempDir Path tmp;
  private final PostgresSchema schema = new PostgresSchema();

  @AfterEach
  void drop() throws SQLException {
    schema.drop();
  }

  @Test
  void aSnapshotIsRecordedAndRestored() throws Exception {
    String url = schema.create();
    Path model = Files.writeString(tmp.resolve("model.bin"), "pg weights");
    CapturedValue v =
        new CapturedValue(
            "return",
            ValueKind.POINTER,
            model.toString(),
            "model",
            "java.nio.file.Path",
            10,
            null,
            new FileFacts(Files.getLastModifiedTime(model).toMillis(), null),
            true);
    TestQueues.write(tmp.resolve("queue"), List.of(run("p1", "save").output(v).build()));
    Path store = tmp.resolve("artifacts");
    try (Collector collector = Collector.open(url).snapshottingTo(store, 1024)) {
      assertEquals(1, collector.drain(tmp.resolve("queue")).runs());
    }

    Path out = tmp.resolve("out.bin");
    try (ArtifactService artifacts = ArtifactService.open(url, store)) {
      ArtifactSnapshot s = artifacts.restore("p1", "return", out);
      assertEquals("stored", s.status());
      assertEquals(1, artifacts.latest(10).size());
    }
    assertEquals("pg weights", Files.readString(out));
  }
}
