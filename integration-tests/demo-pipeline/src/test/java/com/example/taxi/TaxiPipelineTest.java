package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaxiPipelineTest {

  static final List<String> OUTPUTS =
      List.of("raw.csv", "clean.csv", "model.bin", "predictions.csv");

  static final Map<String, Class<?>> STAGE_CLASSES =
      Map.of(
          "generate", TripGenerator.class,
          "clean", Cleaner.class,
          "featurize", Featurizer.class,
          "split", Splitter.class,
          "train", Trainer.class,
          "evaluate", Evaluator.class,
          "save_model", ModelStore.class,
          "predict", BatchInference.class);

  @TempDir Path dir;

  @AfterEach
  void disarm() {
    FailureInjection.disarm();
  }

  static String run(Path workdir, String... options) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    String[] args = new String[options.length + 1];
    args[0] = workdir.toString();
    System.arraycopy(options, 0, args, 1, options.length);
    TaxiPipeline.run(
        PipelineOptions.parse(args), new PrintStream(buffer, true, StandardCharsets.UTF_8));
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryFileAndASummary() throws IOException {
    String summary = run(dir.resolve("work"), "--trips", "1000");

    for (String name : OUTPUTS) {
      assertTrue(Files.size(dir.resolve("work").resolve(name)) > 0, name);
    }
    assertTrue(summary.contains("980 trips kept, 20 dropped"), summary);
    assertTrue(summary.contains("train      784 rows, 5 features"), summary);
    assertTrue(summary.contains("on 196 test rows"), summary);
    assertTrue(summary.contains("980 predictions written"), summary);
  }

  @Test
  void sameSeedSameFilesAndSummary() throws IOException {
    String first = run(dir.resolve("a"), "--trips", "500", "--seed", "9");
    String second = run(dir.resolve("b"), "--trips", "500", "--seed", "9");

    assertEquals(
        first.replace(dir.resolve("a").toString(), "W"),
        second.replace(dir.resolve("b").toString(), "W"));
    for (String name : OUTPUTS) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(name)),
          Files.readAllBytes(dir.resolve("b").resolve(name)),
          name);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "generate",
        "clean",
        "featurize",
        "split",
        "train",
        "evaluate",
        "save_model",
        "predict"
      })
  void failStageThrowsFromInsideThatStage(String stage) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> run(dir, "--trips", "100", "--fail-stage", stage));

    assertEquals("injected failure in " + stage, e.getMessage());
    StackTraceElement top = e.getStackTrace()[0];
    assertEquals(STAGE_CLASSES.get(stage).getName(), top.getClassName());
    assertFalse(Files.exists(dir.resolve("predictions.csv")));
    assertFalse(FailureInjection.armedFor(stage), "run disarms when it ends");
  }

  /** The exit codes come from the JVM itself, so check them in a real one. */
  @Test
  void mainExitsNonZeroWithTheStackTraceOnAFailingStage() throws Exception {
    Process failing =
        java(dir.resolve("w").toString(), "--trips", "50", "--fail-stage", "evaluate");
    assertEquals(1, failing.exitValue());
    String stderr = new String(failing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(
        stderr.contains("java.lang.IllegalStateException: injected failure in evaluate"), stderr);
    assertTrue(stderr.contains("at com.example.taxi.Evaluator.evaluate("), stderr);

    Process ok = java(dir.resolve("w").toString(), "--trips", "50");
    assertEquals(0, ok.exitValue());

    Process usage = java("--trips", "50");
    assertEquals(2, usage.exitValue());
    String usageText = new String(usage.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(usageText.startsWith("taxi-pipeline: missing WORKDIR"), usageText);
  }

  private static Process java(String... args)
      throws IOException, InterruptedException, URISyntaxException {
    Path classes =
        Path.of(TaxiPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(javaBin.toString(), "-cp", classes.toString(), TaxiPipeline.class.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pipeline did not finish: " + command);
    return process;
  }
}
