package org.mltrace.collector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mltrace.collector.bench.IngestBench;
import org.mltrace.collector.truth.TaskBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace bench [--runs N]}: the collector's ingest throughput into a database. */
@Command(
    mixinStandardHelpOptions = true,
    name = "bench",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace bench --runs 20000 --db jdbc:h2:file:/tmp/bench/mltrace"},
    subcommands = BenchQueriesCommand.class,
    description = {
      "Measure the collector's ingest throughput.",
      "",
      "Writes N synthetic runs (3 inputs, 3 outputs including a summarized array, each run "
          + "reading the previous run's file) "
          + "into a fresh queue in a temporary directory, then drains it into --db exactly as "
          + "'collect --once' does, dependency inference included, and prints runs/s and bytes/run. "
          + "On an H2 file also the bytes/run once H2 has compacted it (SHUTDOWN COMPACT): right "
          + "after a burst the file still holds the storage its commits replaced, which H2 keeps "
          + "45 s and then reuses. Also the CPU the drain used per run: this JVM's, the part its "
          + "JIT compilers used, and a local PostgreSQL's backends' (from /proc, on Linux). Use an "
          + "empty database: the runs are stored there.",
      "",
      "'mltrace bench queries' times the query commands on an existing history instead."
    })
final class BenchCommand implements Callable<Integer> {
  @Mixin DatabaseOption db;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "100000",
      description = "Synthetic runs to write and drain (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--task-pairs",
      paramLabel = "N",
      description = {
        "Instead: join N predictions to labels in a score task with a 7-day window, then time "
            + "one label change with the window's incremental evaluation against a full "
            + "recomputation of the window (docs/performance.md, Tasks)."
      })
  Integer taskPairs;

  @Spec CommandSpec spec;

  private Integer taskBench() {
    if (taskPairs < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--task-pairs must be at least 1");
    }
    TaskBench.Result r = TaskBench.run(db.url, taskPairs, 100);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        String.format(
            Locale.ROOT,
            "%d predictions joined to labels in %.1f s; one label changed in its own transaction with the"
                + " window evaluated and stored: %.1f ms (median of 100); the window evaluated from its"
                + " buckets: %.1f ms; recomputed from its pairs: %.1f ms (%.1fx the buckets)",
            r.pairs(),
            r.joinSeconds(),
            r.updateMillis(),
            r.evaluateMillis(),
            r.recomputeMillis(),
            r.recomputeMillis() / r.evaluateMillis()));
    out.flush();
    return ExitCodes.OK;
  }

  @Override
  public Integer call() throws IOException {
    if (taskPairs != null) {
      return taskBench();
    }
    if (runs < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--runs must be at least 1");
    }
    Path queue = Files.createTempDirectory("mltrace-bench");
    IngestBench.Result r = IngestBench.run(db.url, queue, runs);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        String.format(
            Locale.ROOT,
            "%d runs in %.2f s: %.0f runs/s; %d bytes/run in the queue, %s; %d dependencies inferred",
            r.runs(),
            r.seconds(),
            r.runsPerSecond(),
            r.eventBytes() / Math.max(1, runs),
            r.databaseBytes() < 0
                ? "database size unknown"
                : r.databaseBytes() / Math.max(1, r.runs())
                    + " bytes/run in the database"
                    + (r.compactedBytes() < 0
                        ? ""
                        : " (" + r.compactedBytes() / Math.max(1, r.runs()) + " once compacted)"),
            r.dependencies()));
    if (r.laterEntries() > 0 && r.laterSeconds() > 0) {
      out.println(
          String.format(
              Locale.ROOT,
              "the second half alone: %d entries in %.2f s: %.0f runs/s (the first includes the"
                  + " JVM compiling the ingest path)",
              r.laterEntries(),
              r.laterSeconds(),
              r.laterEntriesPerSecond()));
    }
    if (r.jvmCpuNanos() >= 0) {
      out.println(cpuLine(r));
    }
    // The MLTRACE paper's small company produces about a million runs a day.
    out.println(
        String.format(
            Locale.ROOT,
            "at this rate a day of 1,000,000 runs is ingested in %.0f s",
            1_000_000 / Math.max(1e-9, r.runsPerSecond())));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Where the drain's CPU went, per run: on a machine of few cores the rate follows from these sums
   * (docs/performance.md, "Collector ingest").
   */
  private static String cpuLine(IngestBench.Result r) {
    long runs = Math.max(1, r.runs());
    String jit =
        r.jitCpuNanos() < 0
            ? ""
            : String.format(Locale.ROOT, " (%.1f of it compiling)", r.jitCpuNanos() / 1e3 / runs);
    String database =
        r.databaseCpuNanos() < 0
            ? r.databaseBytes() >= 0 && r.compactedBytes() >= 0
                ? "; H2 works in this JVM"
                : "; the database's CPU unknown (not a local PostgreSQL)"
            : String.format(
                Locale.ROOT, ", PostgreSQL %.1f µs a run", r.databaseCpuNanos() / 1e3 / runs);
    return String.format(
        Locale.ROOT,
        "CPU while draining: this JVM %.1f µs a run%s%s; %d cores",
        r.jvmCpuNanos() / 1e3 / runs,
        jit,
        database,
        Runtime.getRuntime().availableProcessors());
  }
}
