package org.mltrace.collector.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.mltrace.collector.retention.CompactionReport;
import org.mltrace.collector.retention.Compactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace compact --older-than AGE}: folds old runs into per-day aggregates. */
@Command(
    name = "compact",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace compact --older-than 90d --dry-run",
      "  mltrace compact --older-than 30d --json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Remove individual runs older than AGE, keeping per-day aggregates.",
      "",
      "Kept: components; per component and day the removed runs' counts (ok, failed) and the "
          + "min/max/mean/count of their numeric values and summaries; every run a flagged "
          + "output descends from, whole. Removed: the other old runs with their inputs, "
          + "outputs, summaries and dependency links, and the alerts resolved before the cutoff "
          + "(open alerts stay). One transaction."
    })
final class CompactCommand implements Callable<Integer> {
  @Option(
      names = "--older-than",
      paramLabel = "AGE",
      defaultValue = "90d",
      converter = AgeConverter.class,
      description =
          "Runs that started more than AGE ago (90d, 12h, ...). Default: ${DEFAULT-VALUE}.")
  Duration olderThan;

  @Option(
      names = "--dry-run",
      description = "Report what would be kept and removed; change nothing.")
  boolean dryRun;

  @Mixin DatabaseOption db;
  @Mixin ProgressOption progress;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Compactor compactor = Compactor.open(db.url)) {
      CompactionReport r =
          compactor.compact(olderThan, dryRun, Clock.systemUTC(), progress.progress());
      Output.print(spec, json.json ? CompactionText.json(r) : CompactionText.text(r));
    }
    return ExitCodes.OK;
  }
}
