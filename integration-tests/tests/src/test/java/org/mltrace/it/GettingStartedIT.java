package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/getting-started.md, step by step, on the real XGBoost4J pipeline: {@code mltrace init}, the
 * guide's YAML (with its deliberate typo) through the agent's {@code check}, the fix, the pipeline
 * started with the very {@code -javaagent:} flag {@code init} printed, the printed collect command
 * (the {@code mltrace} launcher), {@code trace} of the predictions and a clean {@code doctor}. If
 * the guide's YAML or the printed commands stop working, this fails.
 */
class GettingStartedIT {
  @TempDir Path dir;

  private static final Pattern YAML = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

  @Test
  void theGuideLeadsFromInitToTheTraceOfThePredictions() throws Exception {
    Path tips = Files.createDirectories(dir.resolve("tips"));
    String classpath =
        Artifacts.xgboostPipelineJar()
            + File.pathSeparator
            + Files.readString(Artifacts.xgboostClasspathFile(), StandardCharsets.UTF_8).strip();

    // 2. mltrace init: a starter YAML and the lines to paste.
    ProcessResult init =
        JavaProcess.run(tips, List.of("-jar", Artifacts.collectorJar().toString(), "init"));
    assertEquals(0, init.exitCode(), init::toString);
    String javaagent = line(init.stdout(), "  -javaagent:");
    assertTrue(
        javaagent.startsWith("-javaagent:" + Artifacts.agentJar() + "=config="), init.stdout());
    String collect =
        line(
            init.stdout(),
            "  " + Artifacts.collectorJar().getParent().resolve("mltrace") + " collect");

    // 4. The guide's edited YAML, typo included.
    Matcher yaml = YAML.matcher(Files.readString(guide(), StandardCharsets.UTF_8));
    assertTrue(yaml.find(), "docs/getting-started.md has no ```yaml block");
    Path config = tips.resolve("mltrace.yaml");
    Files.writeString(config, yaml.group(1), StandardCharsets.UTF_8);

    // 5. check names the typo with its line and the nearest name; fixed, nothing is left.
    ProcessResult check = check(tips, classpath);
    assertTrue(
        check
            .stdout()
            .contains(
                "mltrace.yaml:17: no parameter or local named 'modelPth'; nearest: modelPath"),
        check::toString);
    Files.writeString(
        config, yaml.group(1).replace("modelPth", "modelPath"), StandardCharsets.UTF_8);
    check = check(tips, classpath);
    assertEquals(0, check.exitCode(), check::toString);
    assertTrue(
        check.stdout().contains("6 component(s), 0 problem(s), 0 that would capture nothing"),
        check::toString);

    // 6. The pipeline with the printed flag, nothing else.
    ProcessResult run =
        JavaProcess.run(
            tips,
            List.of(
                javaagent,
                "-cp",
                classpath,
                "com.example.xgbtips.XgbTipPipeline",
                tips.resolve("work").toString()));
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(
        run.stderr().contains("[mltrace] tracing 6 components from " + config), run::toString);

    // 7. The printed collect command, through the launcher beside the collector jar.
    ProcessResult collected = shell(tips, collect);
    assertEquals(0, collected.exitCode(), collected::toString);
    // 20 events: 6 component declarations, 7 runs, the agent's stats and 6 code sources (one per
    // component and woven class: the jar it came from).
    assertTrue(
        collected.stdout().startsWith("stored 20 events (7 runs), dead-lettered 0 from "),
        collected::toString);

    // 8. trace: the predictions back through the saved and reloaded model to the training data.
    ProcessResult trace = mltrace(tips, "trace", "work/predictions.csv");
    assertEquals(0, trace.exitCode(), trace::toString);
    List<String> runs =
        trace
            .stdout()
            .lines()
            .filter(l -> l.matches("^[│ ]*[└├]─ \\w+ .*"))
            .map(l -> l.replaceAll("^[│ ]*[└├]─ (\\w+) .*", "$1"))
            .toList();
    assertEquals(
        List.of(
            "write_predictions",
            "predict",
            "load_model",
            "save_model",
            "train",
            "dmatrix",
            "dmatrix"),
        runs,
        trace.stdout());

    ProcessResult doctor = mltrace(tips, "doctor");
    assertEquals(0, doctor.exitCode(), doctor::toString);
    assertTrue(doctor.stdout().contains(", everything collected"), doctor::toString);
  }

  private static Path guide() {
    return Artifacts.configExample("").getParent().resolve("docs").resolve("getting-started.md");
  }

  private static ProcessResult check(Path tips, String classpath) throws Exception {
    return JavaProcess.run(
        tips,
        List.of(
            "-jar",
            Artifacts.agentJar().toString(),
            "check",
            "mltrace.yaml",
            "--classpath",
            classpath));
  }

  private static ProcessResult mltrace(Path tips, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Artifacts.collectorJar().getParent().resolve("mltrace").toString()));
    command.addAll(Arrays.asList(args));
    return shell(tips, String.join(" ", command));
  }

  /** The line of {@code out} that starts with {@code prefix}, stripped. */
  private static String line(String out, String prefix) {
    return out.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out))
        .strip();
  }

  /** Runs a printed command line as a user would paste it (the paths hold no spaces here). */
  private static ProcessResult shell(Path workDir, String commandLine) throws Exception {
    Path out = workDir.resolve("shell.out");
    Path err = workDir.resolve("shell.err");
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", commandLine)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // The launcher runs $JAVA_HOME/bin/java: the same JDK as the other processes of this test.
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + commandLine);
    }
    return new ProcessResult(
        commandLine, p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
