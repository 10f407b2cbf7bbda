package org.mltrace.agent.core.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CheckCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Path yaml(Path dir, String components) throws Exception {
    return Files.writeString(dir.resolve("c.yaml"), "components:\n" + components);
  }

  @Test
  void exitsZeroWhenEveryComponentCapturesAndTwoWhenOneCapturesNothing(@TempDir Path dir)
      throws Exception {
    Path good =
        yaml(
            dir,
            """
          - name: clean
            method: "org.mltrace.fixtures.offline.CleanStage#run(java.nio.file.Path)"
            inputs: [input]
            outputs: [return, dropped]
        """);
    assertEquals(
        0,
        run("check", good.toString(), "--classpath", TestClassPath.directory()),
        out.toString(StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("component 'clean' (line 2): ok"), report);
    assertTrue(
        report.contains(
            "input  input    parameter (java.nio.file.Path), read at entry  => file pointer"),
        report);

    Path bad =
        yaml(
            dir,
            """
          - name: clean
            method: "org.mltrace.fixtures.offline.CleanStage#rnu(java.nio.file.Path)"
        """);
    out.reset();
    assertEquals(
        CheckCommand.CAPTURES_NOTHING,
        run("check", bad.toString(), "--classpath", TestClassPath.directory()));
    report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("CAPTURES NOTHING: no method matches its signatures"), report);
    assertTrue(
        report.contains(
            bad
                + ":3: 'org.mltrace.fixtures.offline.CleanStage#rnu(java.nio.file.Path)' matches no method;"
                + " nearest: org.mltrace.fixtures.offline.CleanStage#run(java.nio.file.Path)"),
        report);
  }

  @Test
  void jsonCarriesTheSameFindings(@TempDir Path dir) throws Exception {
    Path yaml =
        yaml(
            dir,
            """
          - name: "clean \\"x\\""
            method: "org.mltrace.fixtures.offline.CleanStage#run(java.nio.file.Path)"
            inputs: [input]
            outputs: [dropepd]
        """);
    assertEquals(
        0,
        run("check", yaml.toString(), "--classpath", TestClassPath.directory(), "--json"),
        err.toString(StandardCharsets.UTF_8));
    String json = out.toString(StandardCharsets.UTF_8).strip();
    assertTrue(json.startsWith("{\"config\":\"" + yaml + "\",\"classes\":"), json);
    assertTrue(
        json.contains(
            "\"capturesNothing\":false,\"components\":[{\"name\":\"clean \\\"x\\\"\",\"line\":2,\"capturesNothing\":null,"),
        json);
    assertTrue(
        json.contains(
            "{\"name\":\"input\",\"input\":true,\"source\":\"parameter\",\"types\":[\"java.nio.file.Path\"],"
                + "\"atEntry\":true,\"exitLinesRead\":[],\"capture\":\"file pointer\",\"fieldType\":null,\"fieldNote\":null,\"problems\":[]}"),
        json);
    assertTrue(
        json.contains(
            "\"problems\":[{\"line\":5,\"message\":\"no parameter or local named 'dropepd'; nearest: dropped;"),
        json);
    assertTrue(json.endsWith("}]}]}"), json);
  }

  @Test
  void yamlAndClassPathErrorsAreOneLineEachWithExitOne(@TempDir Path dir) throws Exception {
    Path typo =
        Files.writeString(
            dir.resolve("t.yaml"), "components:\n  - name: a\n    mehtod: \"a.B#c(..)\"\n");
    assertEquals(1, run("check", typo.toString(), "--classpath", TestClassPath.directory()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("config error: " + typo + ":3:"),
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    Path good = yaml(dir, "  - name: a\n    method: \"a.B#c(..)\"\n");
    assertEquals(
        1, run("check", good.toString(), "--classpath", dir.resolve("missing.jar").toString()));
    assertEquals(
        "mltrace-agent: check: class path entry "
            + dir.resolve("missing.jar")
            + " does not exist\n",
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertEquals(1, run("check", good.toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .startsWith("mltrace-agent: check needs a YAML file and --classpath"));
  }
}
