package org.mltrace.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM left running while the test works (an application, a following collector), its output
 * kept in files that can be read at any time.
 */
final class Background implements AutoCloseable {
  private final String command;
  private final Process process;
  private final Path out;
  private final Path err;

  private Background(String command, Process process, Path out, Path err) {
    this.command = command;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static Background start(Path workDir, String name, List<String> javaArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home")).resolve("bin").resolve("java").toString());
    command.addAll(javaArgs);
    Path out = Files.createTempFile(workDir, name + "-out", ".txt");
    Path err = Files.createTempFile(workDir, name + "-err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new Background(String.join(" ", command), p, out, err);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself; fails after {@code seconds}. */
  int awaitExit(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + seconds + " s:\n" + this);
    }
    return process.exitValue();
  }

  /** SIGKILL, then waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for a clean exit; returns the exit code. */
  int stop() throws InterruptedException, IOException {
    process.destroy();
    return awaitExit(60);
  }

  String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  @Override
  public String toString() {
    try {
      return command + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
    } catch (IOException e) {
      return command + " (output unreadable: " + e + ")";
    }
  }
}
