package org.mltrace.agent.core.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks made before anything is attached; attaching itself is covered by LateAttachIT. */
class AgentCommandsTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return AgentCommands.run(
        args,
        new File("unused.jar"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String ownPid() {
    return Long.toString(ProcessHandle.current().pid());
  }

  @Test
  void noArgumentsPrintsUsageAndFails() {
    assertEquals(1, run());
    assertTrue(err().contains("usage: java -jar mltrace-agent.jar attach PID"), err());
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("detach PID"));
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(1, run("atach", ownPid(), "config=x.yaml"));
    assertTrue(err().contains("unknown command 'atach'"), err());
  }

  @Test
  void pidMustBeANumber() {
    assertEquals(1, run("detach", "abc"));
    assertTrue(err().contains("'abc' is not a process id"), err());
  }

  @Test
  void missingProcessIsNotFound() {
    assertEquals(2, run("detach", "999999999"));
    assertTrue(err().contains("no process with id 999999999"), err());
  }

  @Test
  void attachNeedsAConfig() {
    assertEquals(1, run("attach", ownPid()));
    assertTrue(err().contains("'attach' takes PID config=PATH.yaml"), err());
  }

  @Test
  void yamlErrorsAreReportedHereWithFileAndLineBeforeAttaching() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"), "components:\n  - name: x\n    mehtod: \"a.B#c()\"\n");
    assertEquals(1, run("attach", ownPid(), "config=" + bad));
    assertTrue(err().contains(bad + ":3: unknown key 'mehtod' (did you mean 'method'?)"), err());
  }
}
