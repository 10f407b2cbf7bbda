package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The progress bar of the real CLI in its own JVM: drawn on a pseudo-terminal (util-linux {@code
 * script} gives the JVM one), absent when the output is piped to files or with {@code --quiet}. Run
 * on this JDK and, when installed, on Java 25, where {@code System.console()} is no longer null off
 * a terminal and {@code Console.isTerminal()} decides.
 */
class ProgressOnTerminalTest {
  private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
  private static final String BAR = "collect [";

  @TempDir Path tmp;

  static Stream<String> javaHomes() {
    List<String> homes = new ArrayList<>(List.of(System.getProperty("java.home")));
    if (Files.isExecutable(Path.of(JDK25, "bin", "java"))) {
      homes.add(JDK25);
    }
    return homes.stream();
  }

  private List<String> generate(String javaHome, String db, String... extra) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    command.add("-Dchronicle.analytics.disable=true");
    command.addAll(CollectCommandProcessTest.JVM_FLAGS);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            MltraceCommand.class.getName(),
            "generate",
            "--runs",
            "500",
            "--components",
            "5",
            "--days",
            "2",
            "--db",
            db));
    command.addAll(List.of(extra));
    return command;
  }

  /** Runs {@code command} with a pseudo-terminal as its stdin, stdout and stderr. */
  private String onTerminal(List<String> command) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is missing");
    String line = String.join(" ", command.stream().map(Shell::quote).toList());
    Path transcript = tmp.resolve("transcript-" + System.nanoTime());
    Process p =
        new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", line, "/dev/null")
            .redirectOutput(transcript.toFile())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "generate did not finish");
    String out = Files.readString(transcript, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @ParameterizedTest
  @MethodSource("javaHomes")
  void drawnOnATerminal(String javaHome) throws Exception {
    String out = onTerminal(generate(javaHome, db("tty")));
    assertTrue(out.contains("\r" + BAR), out);
    // 500 runs and the 5 components' declarations
    assertTrue(out.contains("] 100% 505/505 entries  "), out);
    assertTrue(out.contains(" entries/s  "), out);
    assertTrue(out.contains("generated 500 runs of 5 components"), out);
  }

  @ParameterizedTest
  @MethodSource("javaHomes")
  void quietOnATerminalWithQuiet(String javaHome) throws Exception {
    String out = onTerminal(generate(javaHome, db("quiet"), "--quiet"));
    assertFalse(out.contains(BAR), out);
    assertTrue(out.contains("generated 500 runs of 5 components"), out);
  }

  @ParameterizedTest
  @MethodSource("javaHomes")
  void absentWhenPiped(String javaHome) throws Exception {
    Path stdout = tmp.resolve("stdout");
    Path stderr = tmp.resolve("stderr");
    Process p =
        new ProcessBuilder(generate(javaHome, db("piped")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "generate did not finish");
    String out = Files.readString(stdout) + Files.readString(stderr);
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains(BAR), out);
    assertFalse(out.contains("\r"), out);
    assertTrue(out.contains("generated 500 runs of 5 components"), out);
  }

  private String db(String name) {
    return "jdbc:h2:file:" + tmp.resolve(name).resolve("mltrace");
  }
}
