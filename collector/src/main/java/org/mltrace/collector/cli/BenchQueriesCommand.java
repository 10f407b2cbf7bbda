package org.mltrace.collector.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mltrace.collector.bench.QueryBench;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mltrace bench queries}: how fast the query commands answer on an existing history. */
@Command(
    mixinStandardHelpOptions = true,
    name = "queries",
    description = {
      "Time trace, impact, review, history, inspect and components on the history in --db, in"
          + " this JVM.",
      "",
      "Picks its targets from the history: recent outputs of the component that ends most recent "
          + "traces (the predictions), the unwritten input of the newest source runs with fewest "
          + "readers (a day's raw file), the busiest component, the newest runs. Each query is warmed up once per target, then repeated; prints p50, p95 "
          + "and max in milliseconds, without the JVM start-up and database opening a one-off "
          + "command also pays. Reads only."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace generate --runs 200000 --db jdbc:h2:file:/tmp/big/mltrace",
      "  mltrace bench queries --db jdbc:h2:file:/tmp/big/mltrace"
    })
final class BenchQueriesCommand implements Callable<Integer> {
  @Mixin DatabaseOption db;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Times each query is repeated per target after the warm-up (default ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--reviewed",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Outputs given to review, as if flagged (default ${DEFAULT-VALUE}).")
  int reviewed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (repeat < 1 || reviewed < 1) {
      throw new ParameterException(
          spec.commandLine(), "--repeat and --reviewed must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (QueryService queries = QueryService.open(db.url)) {
      QueryBench bench = new QueryBench(queries, repeat);
      QueryBench.Targets targets = bench.targets(reviewed);
      out.printf(
          Locale.ROOT,
          "%-17s %-40s %7s %9s %9s %9s  %s%n",
          "query",
          "targets",
          "samples",
          "p50 ms",
          "p95 ms",
          "max ms",
          "answer size (mean)");
      for (QueryBench.Timing t : bench.run(targets, reviewed)) {
        out.printf(
            Locale.ROOT,
            "%-17s %-40s %7d %9.1f %9.1f %9.1f  %.0f %s%n",
            t.query(),
            t.target(),
            t.samples(),
            t.p50Ms(),
            t.p95Ms(),
            t.maxMs(),
            t.size(),
            t.sizeUnit());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
