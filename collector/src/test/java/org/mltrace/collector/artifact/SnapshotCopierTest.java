package org.mltrace.collector.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.FileFacts;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.cli.MltraceCommand;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/**
 * Snapshots taken by a real collector from a real queue into a real H2 database and store, then
 * restored with the real command line.
 */
class SnapshotCopierTest {
  @TempDir Path tmp;

  /**
   * A run whose output {@code return} is {@code file}, marked for a snapshot, as the agent saw it.
   */
  private static RunEvent saved(String id, Path file) throws Exception {
    FileFacts facts =
        Files.exists(file) ? new FileFacts(Files.getLastModifiedTime(file).toMillis(), null) : null;
    CapturedValue v =
        new CapturedValue(
            "return",
            ValueKind.POINTER,
            file.toString(),
            "model",
            "java.nio.file.Path",
            Files.exists(file) ? Files.size(file) : -1,
            null,
            facts,
            true);
    return run(id, "save_model").output(v).build();
  }

  private static Path write(Path file, String content) throws Exception {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private List<String> rows(String url) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT run_id, status, content_hash IS NOT NULL FROM artifact_snapshots ORDER BY run_id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
      }
    }
    return rows;
  }

  private static int mltrace(StringBuilder out, String... args) {
    java.io.StringWriter o = new java.io.StringWriter();
    java.io.StringWriter e = new java.io.StringWriter();
    int code =
        MltraceCommand.commandLine(
                new java.io.PrintWriter(o, true), new java.io.PrintWriter(e, true))
            .execute(args);
    out.append(o).append(e);
    return code;
  }

  @Test
  void copiesEachContentOnceAndRecordsEverySkipWithItsReason() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    Path queue = tmp.resolve("queue");
    Path store = tmp.resolve("artifacts");
    Path model = tmp.resolve("model.bin");
    try (Collector collector = Collector.open(url).snapshottingTo(store, 64)) {
      // The same model saved twice, then a changed one; each collected before the next save.
      write(model, "weights v1");
      TestQueues.write(queue, List.of(saved("s1", model)));
      collector.drain(queue);
      write(model, "weights v1");
      TestQueues.write(queue, List.of(saved("s2", model)));
      collector.drain(queue);
      write(model, "weights v2");
      TestQueues.write(queue, List.of(saved("s3", model)));
      collector.drain(queue);

      // Overwritten after the run saw it; too large; vanished; not a file at all.
      RunEvent seen = saved("s4", write(tmp.resolve("later.bin"), "first"));
      Files.setLastModifiedTime(tmp.resolve("later.bin"), FileTime.fromMillis(1_000_000));
      RunEvent big = saved("s5", write(tmp.resolve("big.bin"), "x".repeat(65)));
      RunEvent gone = saved("s6", write(tmp.resolve("gone.bin"), "y"));
      Files.delete(tmp.resolve("gone.bin"));
      RunEvent memory =
          run("s7", "save_model")
              .output(
                  new CapturedValue(
                      "return",
                      ValueKind.POINTER,
                      "mem://a/M@1",
                      "model",
                      "M",
                      -1,
                      null,
                      null,
                      true))
              .build();
      TestQueues.write(queue, List.of(seen, big, gone, memory));
      collector.drain(queue);
      collector.drain(queue); // nothing new: nothing recorded twice

      assertEquals(
          List.of(
              "s1 stored true",
              "s2 duplicate true",
              "s3 stored true",
              "s4 changed false",
              "s5 too_large false",
              "s6 missing false",
              "s7 not_a_file false"),
          rows(url));
      assertEquals(new ArtifactStore.Usage(2, 20), new ArtifactStore(store).usage());
      assertTrue(
          collector
              .artifactSummary()
              .startsWith(
                  "artifact snapshots: 2 copied (0 KiB), 1 duplicates, skipped: changed 1, missing 1,"
                      + " not_a_file 1, too_large 1; the store "),
          collector.artifactSummary());
    }

    StringBuilder out = new StringBuilder();
    Path restored = tmp.resolve("restored-s2.bin");
    assertEquals(
        0,
        mltrace(
            out,
            "artifact",
            "s2",
            "return",
            "--out",
            restored.toString(),
            "--artifacts",
            store.toString(),
            "--db",
            url),
        out::toString);
    assertEquals("weights v1", Files.readString(restored));
    Path v2 = tmp.resolve("restored-s3.bin");
    mltrace(
        out,
        "artifact",
        "s3",
        "return",
        "--out",
        v2.toString(),
        "--artifacts",
        store.toString(),
        "--db",
        url);
    assertEquals("weights v2", Files.readString(v2));

    StringBuilder unknown = new StringBuilder();
    assertEquals(
        2,
        mltrace(
            unknown,
            "artifact",
            "nope",
            "return",
            "--out",
            tmp.resolve("x").toString(),
            "--db",
            url));
    assertEquals(
        "mltrace: no snapshot of variable 'return' of run 'nope' (list them with 'mltrace artifact --list')\n",
        unknown.toString());
    StringBuilder skipped = new StringBuilder();
    assertEquals(
        2,
        mltrace(
            skipped,
            "artifact",
            "s5",
            "return",
            "--out",
            tmp.resolve("y").toString(),
            "--db",
            url));
    assertTrue(skipped.toString().contains("was skipped: too_large"), skipped.toString());

    StringBuilder list = new StringBuilder();
    assertEquals(
        0, mltrace(list, "artifact", "--list", "--artifacts", store.toString(), "--db", url));
    assertTrue(
        list.toString().startsWith("artifact store " + store + ": 2 files, 20 bytes\n"),
        list.toString());
    assertTrue(list.toString().contains("s5   return  too_large"), list.toString());
  }

  /**
   * A batch without snapshot values moves the copier's position in the ingest's own transaction
   * when the copier stood where the ingest did; seen here with a collector that has no copier at
   * all. A snapshot value stops it there, and the copier of a later collector still takes it.
   */
  @Test
  void batchesWithoutSnapshotValuesCarryTheCopierAlongOnlyWhileItIsCaughtUp() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    Path queue = tmp.resolve("queue");
    Path store = tmp.resolve("artifacts");
    Path model = write(tmp.resolve("model.bin"), "weights");
    try (Collector collector = Collector.open(url).snapshottingTo(store, 1024)) {
      TestQueues.write(queue, List.of(saved("s1", model)));
      collector.drain(queue);
    }
    long first = position(url, "ingest_positions");
    assertEquals(first, position(url, "artifact_positions"));

    try (Collector noCopier = Collector.open(url)) {
      TestQueues.write(queue, List.of(run("p1", "train").build(), run("p2", "train").build()));
      noCopier.drain(queue);
      long plain = position(url, "ingest_positions");
      assertTrue(plain > first);
      assertEquals(plain, position(url, "artifact_positions"), "moved with the ingest");

      TestQueues.write(queue, List.of(saved("s2", model)));
      noCopier.drain(queue);
      TestQueues.write(queue, List.of(run("p3", "train").build()));
      noCopier.drain(queue);
      assertTrue(position(url, "ingest_positions") > plain);
      assertEquals(plain, position(url, "artifact_positions"), "left where s2 waits");
    }

    try (Collector collector = Collector.open(url).snapshottingTo(store, 1024)) {
      collector.drain(queue);
    }
    assertEquals(List.of("s1 stored true", "s2 duplicate true"), rows(url));
    assertEquals(position(url, "ingest_positions"), position(url, "artifact_positions"));
  }

  @Test
  void aQueueWhoseFirstBatchHasNoSnapshotValueStartsTheCopierAtItsEnd() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    Path queue = tmp.resolve("queue");
    try (Collector noCopier = Collector.open(url)) {
      TestQueues.write(queue, List.of(run("p1", "train").build()));
      noCopier.drain(queue);
    }
    assertEquals(position(url, "ingest_positions"), position(url, "artifact_positions"));
  }

  private static long position(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT last_index FROM " + table)) {
      assertTrue(rs.next(), table + " has a row");
      long index = rs.getLong(1);
      assertTrue(!rs.next(), table + " has one row");
      return index;
    }
  }
}
