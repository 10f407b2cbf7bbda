package org.mltrace.collector.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shell command once per event ({@code sh -c CMD}; {@code cmd /c CMD} on Windows) with the
 * event's JSON on standard input and its fields in {@code MLTRACE_ALERT_*} environment variables
 * ({@link AlertEvent#environment}). Fails when the command exits non-zero or outlives the timeout
 * (it is then killed); its combined output, truncated, is part of the failure's message.
 */
public final class CommandSink implements AlertSink {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_OUTPUT = 2_000;

  private final String command;
  private final Duration timeout;

  public CommandSink(String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  @Override
  public void send(AlertEvent event) throws IOException, InterruptedException {
    boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    ProcessBuilder pb =
        new ProcessBuilder(windows ? List.of("cmd", "/c", command) : List.of("sh", "-c", command))
            .redirectErrorStream(true);
    pb.environment().putAll(event.environment());
    Process process = pb.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(event.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A command that does not read its input closes the pipe early: not a failure by itself.
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader =
        new Thread(() -> readBounded(process.getInputStream(), output), "alert-command-output");
    reader.setDaemon(true);
    reader.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException(
          "'" + command + "' did not finish within " + timeout.toSeconds() + " s; killed");
    }
    reader.join(1_000);
    if (process.exitValue() != 0) {
      String out;
      synchronized (output) {
        out = output.toString(StandardCharsets.UTF_8).strip();
      }
      throw new IOException(
          "'"
              + command
              + "' exited with "
              + process.exitValue()
              + (out.isEmpty() ? "" : ": " + out));
    }
  }

  private static void readBounded(InputStream in, ByteArrayOutputStream sink) {
    byte[] buffer = new byte[1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        synchronized (sink) {
          if (sink.size() < MAX_OUTPUT) {
            sink.write(buffer, 0, Math.min(n, MAX_OUTPUT - sink.size()));
          }
        }
      }
    } catch (IOException e) {
      // The process went away; what was read is enough for the message.
    }
  }

  @Override
  public String describe() {
    return "command '" + command + "'";
  }
}
