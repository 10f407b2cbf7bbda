package org.mltrace.collector.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.mltrace.collector.bench.HistoryGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mltrace generate}: a synthetic history to benchmark queries on. */
@Command(
    name = "generate",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace generate --runs 60 --components 5 --days 2 --db jdbc:h2:file:/tmp/gen/mltrace"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Generate a realistic history into --db (use an empty database): a DAG of C components run "
          + "repeatedly over D days, with shared inputs, retraining every 10th cycle and ~2%% "
          + "failures, stored through the real ingest path."
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Runs (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--components",
      paramLabel = "C",
      defaultValue = "10",
      description = "Components, at least 2 (default ${DEFAULT-VALUE}).")
  int components;

  @Option(
      names = "--days",
      paramLabel = "D",
      defaultValue = "30",
      description = "Days the runs span (default ${DEFAULT-VALUE}).")
  int days;

  @Mixin DatabaseOption db;
  @Mixin ProgressOption progress;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (runs < 1 || components < 2 || days < 1) {
      throw new ParameterException(
          spec.commandLine(), "need --runs >= 1, --components >= 2 and --days >= 1");
    }
    HistoryGenerator.Result r =
        HistoryGenerator.generate(db.url, runs, components, days, progress.progress());
    Output.print(
        spec,
        String.format(
            Locale.ROOT,
            "generated %d runs of %d components over %d days (%d cycles, %d trainings, %d failed"
                + " runs); stored %d in %.1f s",
            r.runs(),
            components,
            days,
            r.cycles(),
            r.trainings(),
            r.failures(),
            r.stored(),
            r.seconds()));
    return ExitCodes.OK;
  }
}
