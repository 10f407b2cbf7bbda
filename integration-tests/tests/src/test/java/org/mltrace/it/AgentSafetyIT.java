package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under concurrency and recursion, and its isolation: many threads calling traced methods
 * at once, a traced method that recurses, virtual threads (Java 21+), all without a context class
 * loader, and an application that looks for the agent's own libraries, through its own loader and
 * the bootstrap loader, and must not find them.
 */
class AgentSafetyIT {
  static final int THREADS = 8;
  static final int CALLS = 500;

  @TempDir static Path dir;
  static Path classes;
  static Path config;

  @BeforeAll
  static void compileApp() throws Exception {
    classes =
        FixtureApp.compile(
            dir,
            17,
            Map.of(
                "app/Work.java",
                """
        package app;
        import java.util.concurrent.*;
        import java.util.concurrent.atomic.AtomicLong;
        public class Work {
          static long step(int i) { long squared = (long) i * i; return squared; }
          static long fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
          static String isolation() {
            StringBuilder seen = new StringBuilder();
            for (String c : new String[] {"net.openhft.chronicle.queue.ChronicleQueue", "org.yaml.snakeyaml.Yaml",
                "org.objectweb.asm.ClassReader", "org.mltrace.agent.core.AgentInstaller"}) {
              try { Class.forName(c); seen.append(" visible:").append(c); } catch (ClassNotFoundException e) { }
              // Chronicle in the bootstrap loader sees a null class loader and fails (a known agent failure)
              try { Class.forName(c, false, null); seen.append(" bootstrap:").append(c); } catch (ClassNotFoundException e) { }
            }
            return seen.length() == 0 ? "isolated" : seen.toString().trim();
          }
          public static void main(String[] args) throws Exception {
            // Threads without a context loader (as the JVM's own threads have): the pool's threads
            // inherit it, and Chronicle, which loads through the context loader, must not care.
            Thread.currentThread().setContextClassLoader(null);
            boolean virtual = args.length > 0 && args[0].equals("virtual");
            ExecutorService pool = virtual
                ? (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null)
                : Executors.newFixedThreadPool(%d);
            AtomicLong sum = new AtomicLong();
            for (int t = 0; t < %d; t++) {
              pool.submit(() -> { for (int i = 0; i < %d; i++) sum.addAndGet(step(i)); });
            }
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            System.out.println("sum " + sum.get() + " fact " + fact(10) + " " + isolation());
          }
        }
        """
                    .formatted(THREADS, THREADS, CALLS)));
    config =
        Files.writeString(
            dir.resolve("safety.yaml"),
            """
        components:
          - name: step
            method: "app.Work#step(int)"
            inputs: [i]
            outputs: [return, squared]
          - name: fact
            method: "app.Work#fact(int)"
            inputs: [n]
            outputs: [return]
        """);
  }

  /** The single number a one-row, one-column query returns. */
  private static long number(CollectorCli mltrace, String query) throws Exception {
    JsonNode rows = mltrace.json("sql", query);
    assertEquals(1, rows.size(), rows::toString);
    return rows.get(0).elements().next().asLong();
  }

  private static long count(CollectorCli mltrace, String component) throws Exception {
    return number(
        mltrace, "SELECT COUNT(*) FROM component_runs WHERE component = '" + component + "'");
  }

  @Test
  void manyThreadsAndRecursionAreRecordedExactlyAndChangeNothing() throws Exception {
    Path run = Files.createDirectories(dir.resolve("threads"));
    List<String> app = List.of("-cp", classes.toString(), "app.Work");
    ProcessResult plain = TracedApp.withoutAgent(run, app);
    ProcessResult traced = TracedApp.withAgent(run, config, run.resolve("queue"), app);
    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(plain.stdout(), traced.stdout());
    assertTrue(
        traced.stdout().trim().endsWith("isolated"),
        "the agent's libraries leaked into the application: " + traced.stdout());

    CollectorCli mltrace = CollectorCli.h2(run);
    mltrace.collectOnce(run.resolve("queue"));
    assertEquals(THREADS * CALLS, count(mltrace, "step"));
    assertEquals(
        1, count(mltrace, "fact"), "fact(10) recursing into itself is one run of the component");
    JsonNode fact = mltrace.json("history", "fact").get(0);
    assertEquals("10", Lineage.value(fact, "inputs", "n").path("value").asText());
    assertEquals("3628800", Lineage.value(fact, "outputs", "return").path("value").asText());
    assertEquals(
        THREADS,
        number(
            mltrace, "SELECT COUNT(DISTINCT thread) FROM component_runs WHERE component = 'step'"));
  }

  @Test
  void virtualThreadsAreRecordedOnJava21Plus() throws Exception {
    Path java = OtherJavaVersionIT.java25();
    assumeTrue(
        java != null,
        "no Java 25 found (set MLTRACE_JAVA25_HOME): skipping the virtual-thread run");
    Path run = Files.createDirectories(dir.resolve("virtual"));
    List<String> app = List.of("-cp", classes.toString(), "app.Work", "virtual");
    ProcessResult plain = JavaProcess.run(java, run, app);
    List<String> withAgent =
        new java.util.ArrayList<>(
            List.of(
                "-javaagent:"
                    + Artifacts.agentJar()
                    + "=config="
                    + config
                    + ",queue="
                    + run.resolve("queue")));
    withAgent.addAll(app);
    ProcessResult traced = JavaProcess.run(java, run, withAgent);
    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(plain.stdout(), traced.stdout());
    assertTrue(traced.stdout().trim().endsWith("isolated"), traced.stdout());
    CollectorCli mltrace = CollectorCli.h2(run);
    mltrace.collectOnce(run.resolve("queue"));
    assertEquals(THREADS * CALLS, count(mltrace, "step"));
    assertEquals(1, count(mltrace, "fact"));
  }
}
