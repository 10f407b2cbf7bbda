package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken YAML is reported with file and line, and the application runs untraced. */
class BadConfigIT {
  @TempDir Path dir;

  @Test
  void misspeltKeyIsReportedAndTheApplicationStillRuns() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
        components:
          - name: clean
            method: "com.example.taxi.Cleaner#clean(java.nio.file.Path, java.nio.file.Path)"
            ouputs: [return]
          - name: train
            method: "com.example.taxi.Trainer.fit(int)"
        """);
    Path queue = dir.resolve("queue");
    ProcessResult r =
        TracedApp.withAgent(
            dir,
            config,
            queue,
            List.of("-jar", Artifacts.demoJar().toString(), dir.resolve("work").toString()));

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("predictions written"), r.stdout());
    assertTrue(
        r.stderr().contains(config + ":4: unknown key 'ouputs' (did you mean 'outputs'?)"),
        r.stderr());
    assertTrue(
        r.stderr()
            .contains(config + ":6: signature 'com.example.taxi.Trainer.fit(int)' has no '#'"),
        r.stderr());
    assertTrue(
        r.stderr().contains("agent disabled: the application runs without tracing"), r.stderr());
    assertFalse(r.stderr().contains("\tat "), "no stack trace expected:\n" + r.stderr());
    assertFalse(Files.exists(queue), "a disabled agent must not create the queue");
  }

  @Test
  void missingConfigFileIsOneLineAndTheApplicationStillRuns() throws Exception {
    Path missing = dir.resolve("nope.yaml");
    ProcessResult r =
        TracedApp.withAgent(
            dir,
            missing,
            dir.resolve("queue"),
            List.of("-jar", Artifacts.demoJar().toString(), dir.resolve("work").toString()));
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains(missing + ": cannot read the file"), r.stderr());
    assertFalse(r.stderr().contains("\tat "), r.stderr());
  }

  @Test
  void signatureThatMatchesNothingIsReportedOnceWithTheClosestExistingOnes() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("typo.yaml"),
            """
        components:
          - name: train
            method: "com.example.taxi.Trainer#fti(com.example.taxi.FeatureTable, int, double)"
            outputs: [return]
        """);
    ProcessResult r =
        TracedApp.withAgent(
            dir,
            config,
            dir.resolve("queue"),
            List.of("-jar", Artifacts.demoJar().toString(), dir.resolve("work").toString()));
    assertEquals(0, r.exitCode(), r::toString);
    String expected =
        "component 'train': 'com.example.taxi.Trainer#fti(com.example.taxi.FeatureTable, int, double)' matched no method; "
            + "closest: com.example.taxi.Trainer#fit(com.example.taxi.FeatureTable, int, double)";
    assertTrue(r.stderr().contains(expected), r.stderr());
    assertEquals(
        1, r.stderr().lines().filter(l -> l.contains("matched no method")).count(), r.stderr());
  }
}
