package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications launched as named modules ({@code -m}): woven code in a named module may only call
 * the bridge once the agent has made the module read it; and a module graph without {@code
 * jdk.unsupported} (which the queue needs) leaves the agent off with a clear message.
 */
class NamedModuleIT {
  @TempDir static Path dir;

  @BeforeAll
  static void compileModularApp() throws Exception {
    Path src = dir.resolve("src/demo.mod");
    Files.createDirectories(src.resolve("demo/mod"));
    Files.writeString(src.resolve("module-info.java"), "module demo.mod { }\n");
    Files.writeString(
        src.resolve("demo/mod/Main.java"),
        """
        package demo.mod;
        public class Main {
          static int twice(int x) { int doubled = x * 2; return doubled; }
          public static void main(String[] args) { System.out.println("modular " + twice(21)); }
        }
        """);
    Path out = dir.resolve("mods/demo.mod");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-g",
            "-d",
            out.toString(),
            src.resolve("module-info.java").toString(),
            src.resolve("demo/mod/Main.java").toString());
    assertEquals(0, rc, "fixture did not compile");
    Files.writeString(
        dir.resolve("mod.yaml"),
        """
        components:
          - name: twice
            method: "demo.mod.Main#twice(int)"
            inputs: [x]
            outputs: [return, doubled]
        """);
  }

  @Test
  void withoutJdkUnsupportedTheAgentStaysOffAndSaysHowToFixIt() throws Exception {
    Path queue = dir.resolve("queue-off");
    List<String> app =
        List.of("--module-path", dir.resolve("mods").toString(), "-m", "demo.mod/demo.mod.Main");
    ProcessResult r = TracedApp.withAgent(dir, dir.resolve("mod.yaml"), queue, app);
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("modular 42\n", r.stdout());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains("add --add-modules jdk.unsupported"), r.stderr());
    assertFalse(Files.exists(queue));
  }

  @Test
  void methodInANamedModuleIsTracedAndBehavesTheSame() throws Exception {
    Path queue = dir.resolve("queue");
    List<String> app =
        List.of(
            "--add-modules",
            "jdk.unsupported",
            "--module-path",
            dir.resolve("mods").toString(),
            "-m",
            "demo.mod/demo.mod.Main");
    ProcessResult r = TracedApp.withAgent(dir, dir.resolve("mod.yaml"), queue, app);
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("modular 42\n", r.stdout());
    assertTrue(r.stderr().lines().allMatch(l -> l.startsWith("[mltrace] ")), r.stderr());

    CollectorCli mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    JsonNode run = mltrace.json("history", "twice").get(0);
    assertEquals("21", Lineage.value(run, "inputs", "x").path("value").asText());
    assertEquals("42", Lineage.value(run, "outputs", "doubled").path("value").asText());
    assertEquals("42", Lineage.value(run, "outputs", "return").path("value").asText());
  }
}
