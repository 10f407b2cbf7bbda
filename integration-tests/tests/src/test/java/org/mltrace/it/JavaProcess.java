package org.mltrace.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child JVM (the same java as the tests) to completion and captures its output. */
final class JavaProcess {
  /**
   * Generous: a Spark run takes about 100 s when the 2-core machine is shared with other builds.
   */
  private static final long TIMEOUT_SECONDS = 300;

  private JavaProcess() {}

  static ProcessResult run(Path workDir, List<String> javaArgs)
      throws IOException, InterruptedException {
    return run(Path.of(System.getProperty("java.home")), workDir, javaArgs);
  }

  /**
   * Starts a JVM (the tests' java) without waiting; its output goes to {@code out} and {@code err}.
   */
  static Process start(Path workDir, List<String> javaArgs, Path out, Path err) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArgs);
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
  }

  /** Runs {@code javaHome/bin/java} with the arguments. */
  static ProcessResult run(Path javaHome, Path workDir, List<String> javaArgs)
      throws IOException, InterruptedException {
    return run(javaHome, workDir, javaArgs, Map.of());
  }

  /** Runs the tests' java with the arguments and {@code environment} added to this one's. */
  static ProcessResult run(Path workDir, List<String> javaArgs, Map<String, String> environment)
      throws IOException, InterruptedException {
    return run(Path.of(System.getProperty("java.home")), workDir, javaArgs, environment);
  }

  private static ProcessResult run(
      Path javaHome, Path workDir, List<String> javaArgs, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(javaArgs);
    Path out = Files.createTempFile("it-out", ".txt");
    Path err = Files.createTempFile("it-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process p = builder.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            "timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
      }
      return new ProcessResult(
          String.join(" ", command),
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
