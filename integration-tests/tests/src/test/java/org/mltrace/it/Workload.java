package org.mltrace.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A tiny traced application, compiled at test time, whose runs are known exactly: {@code produce}
 * writes {@code part-I.csv} and returns its path (input {@code i}, output {@code return}); {@code
 * consume} reads one such file (input {@code in}), waiting until its producer's run has ended. Run
 * as {@code MODE DIR MAX STOPFILE [PAUSE_EVERY]}: it makes runs 0, 1, ... until MAX or until
 * STOPFILE exists, sleeping 1 ms every PAUSE_EVERY runs (default 50), then prints {@code runs=N}.
 * Each agent start numbers its runs 1..N, so run {@code AGENT-K} has input {@code i = K-1}.
 */
final class Workload {
  static final String MAIN = "work.Steps";

  private static final String SOURCE =
      """
      package work;

      import java.io.IOException;
      import java.nio.file.Files;
      import java.nio.file.Path;

      public final class Steps {
        public static void main(String[] args) throws Exception {
          String mode = args[0];
          Path dir = Path.of(args[1]);
          int max = Integer.parseInt(args[2]);
          Path stop = Path.of(args[3]);
          int pauseEvery = args.length > 4 ? Integer.parseInt(args[4]) : 50;
          Files.createDirectories(dir);
          int n = 0;
          outer:
          for (; n < max && !Files.exists(stop); n++) {
            if (mode.equals("produce")) {
              produce(n, dir);
              // only now has the run ended: a consumer must not start before
              Files.createFile(dir.resolve("part-" + n + ".done"));
            } else {
              Path in = dir.resolve("part-" + n + ".csv");
              while (!Files.exists(dir.resolve("part-" + n + ".done"))) {
                if (Files.exists(stop)) {
                  break outer;
                }
                Thread.sleep(1);
              }
              consume(in);
            }
            if (n % pauseEvery == pauseEvery - 1) {
              Thread.sleep(1);
            }
          }
          System.out.println("runs=" + n);
        }

        static Path produce(int i, Path dir) throws IOException {
          Path out = dir.resolve("part-" + i + ".csv");
          Files.writeString(out, "row," + i + "\\n");
          return out;
        }

        static long consume(Path in) throws IOException {
          return Files.size(in);
        }
      }
      """;

  private static final String CONFIG =
      """
      components:
        - name: produce
          owner: it
          method: "work.Steps#produce(int, java.nio.file.Path)"
          inputs: [i]
          outputs: [return]
        - name: consume
          owner: it
          method: "work.Steps#consume(java.nio.file.Path)"
          inputs: [in]
          outputs: [return]
      """;

  final Path classes;
  final Path config;

  private Workload(Path classes, Path config) {
    this.classes = classes;
    this.config = config;
  }

  /**
   * Compiles the application (with -g, for parameter names) and writes its YAML under {@code dir}.
   */
  static Workload build(Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/work")).resolve("Steps.java");
    Files.writeString(src, SOURCE);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-g", "-d", classes.toString(), src.toString());
    if (rc != 0) {
      throw new IllegalStateException("compiling the workload failed: " + rc);
    }
    return new Workload(classes, Files.writeString(dir.resolve("steps.yaml"), CONFIG));
  }

  /** Starts {@code MODE DIR MAX STOPFILE} with the agent writing into {@code queue}. */
  Background start(Path workDir, Path queue, String mode, Path dataDir, int max, Path stopFile)
      throws IOException {
    return start(workDir, queue, mode, dataDir, max, stopFile, 50);
  }

  Background start(
      Path workDir, Path queue, String mode, Path dataDir, int max, Path stopFile, int pauseEvery)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + Artifacts.agentJar() + "=config=" + config + ",queue=" + queue);
    args.addAll(List.of("-cp", classes.toString(), MAIN, mode, dataDir.toString()));
    args.add(String.valueOf(max));
    args.add(stopFile.toString());
    args.add(String.valueOf(pauseEvery));
    return Background.start(workDir, mode, args);
  }

  /** The number of runs a finished workload printed. */
  static int runsOf(Background app) throws IOException {
    for (String line : app.stdout().split("\n")) {
      if (line.startsWith("runs=")) {
        return Integer.parseInt(line.substring(5).strip());
      }
    }
    throw new AssertionError("the workload printed no run count:\n" + app);
  }
}
