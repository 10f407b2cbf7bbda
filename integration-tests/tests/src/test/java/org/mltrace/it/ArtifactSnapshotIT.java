package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapshot: true} end to end: the demo pipeline runs three times under the agent (real
 * JVMs), saving the same model twice (same seed, same bytes) and then a changed one (another seed)
 * to the same model.bin; the collector (a real JVM, H2) drains after each run and copies the model
 * into its store beside the database; {@code mltrace artifact} restores each version.
 */
class ArtifactSnapshotIT {
  private static final String YAML =
      String.join(
          "\n",
          "components:",
          "  - name: save_model",
          "    method: \"com.example.taxi.ModelStore#save(com.example.taxi.LogisticModel, java.nio.file.Path)\"",
          "    inputs: [model]",
          "    outputs: [{name: return, type: model, snapshot: true}]",
          "");

  @TempDir static Path dir;
  static CollectorCli mltrace;
  static Path queue;
  static final List<Path> savedModels = new ArrayList<>();
  static JsonNode snapshots;

  @BeforeAll
  static void saveTheModelThreeTimesCollectingAfterEach() throws Exception {
    Path yaml = Files.writeString(dir.resolve("snapshot.yaml"), YAML);
    queue = dir.resolve("queue");
    mltrace = CollectorCli.h2(dir);
    Path work = dir.resolve("work");
    for (String seed : List.of("42", "42", "7")) {
      ProcessResult app =
          TracedApp.withAgent(
              dir,
              yaml,
              queue,
              List.of(
                  "-jar",
                  Artifacts.demoJar().toString(),
                  work.toString(),
                  "--trips",
                  "300",
                  "--seed",
                  seed));
      assertEquals(0, app.exitCode(), app::toString);
      savedModels.add(
          Files.copy(
              work.resolve("model.bin"), dir.resolve("model-" + savedModels.size() + ".bin")));
      ProcessResult collect = mltrace.run("collect", "--queue", queue.toString(), "--once");
      assertEquals(0, collect.exitCode(), collect::toString);
    }
    snapshots =
        mltrace.rows(
            "SELECT s.run_id, s.status, s.content_hash FROM artifact_snapshots s"
                + " JOIN component_runs r ON r.id = s.run_id ORDER BY r.start_time");
  }

  @Test
  void theSameModelSavedTwiceIsStoredOnceAndTheChangedOneAgain() throws Exception {
    assertEquals(
        -1, Files.mismatch(savedModels.get(0), savedModels.get(1)), "same seed, same bytes");
    assertTrue(
        Files.mismatch(savedModels.get(0), savedModels.get(2)) >= 0, "another seed, another model");
    assertEquals(3, snapshots.size(), snapshots::toString);
    assertEquals("stored", snapshots.get(0).path("status").asText());
    assertEquals("duplicate", snapshots.get(1).path("status").asText());
    assertEquals("stored", snapshots.get(2).path("status").asText());
    assertEquals(snapshots.get(0).path("content_hash"), snapshots.get(1).path("content_hash"));

    ProcessResult list = mltrace.run("artifact", "--list");
    assertEquals(0, list.exitCode(), list::toString);
    long expectedBytes = Files.size(savedModels.get(0)) + Files.size(savedModels.get(2));
    assertTrue(
        list.stdout()
            .startsWith(
                "artifact store "
                    + dir.resolve("artifacts")
                    + ": 2 files, "
                    + expectedBytes
                    + " bytes"),
        list.stdout());
  }

  @Test
  void eachRunsModelIsRestoredByteForByte() throws Exception {
    for (int i = 0; i < 3; i++) {
      Path out = dir.resolve("restored-" + i + ".bin");
      ProcessResult r =
          mltrace.run(
              "artifact",
              snapshots.get(i).path("run_id").asText(),
              "return",
              "--out",
              out.toString());
      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(-1, Files.mismatch(savedModels.get(i), out), "run " + i);
    }
  }

  @Test
  void anUnknownRunIsOneClearLineAndExitCode2() throws Exception {
    ProcessResult r =
        mltrace.run("artifact", "no-such-run", "return", "--out", dir.resolve("x.bin").toString());
    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(
        "mltrace: no snapshot of variable 'return' of run 'no-such-run' (list them with 'mltrace artifact --list')",
        r.stderr().strip());
  }
}
