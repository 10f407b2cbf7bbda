package org.mltrace.collector.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.mltrace.collector.purge.LabelPurger;
import org.mltrace.collector.purge.PurgeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace purge --label LABEL}: enforce a deletion request on the stored values. */
@Command(
    name = "purge",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace purge --label client-42 --dry-run",
      "  mltrace purge --label client-42 --reason \"erasure request 2026-117\""
    },
    mixinStandardHelpOptions = true,
    description = {
      "Delete the stored values of every run derived from a retracted label's data.",
      "",
      "Blanks the runs' input and output values (pointers keep their identifier), deletes their "
          + "summaries, samples and artifact-snapshot rows; keeps the runs' ids, components, times "
          + "and lineage, so traces still explain what happened. Records who, when, why and how "
          + "much in the purge log. The label must be retracted first (mltrace label retract). "
          + "One transaction."
    })
final class PurgeCommand implements Callable<Integer> {
  @Option(
      names = "--label",
      required = true,
      paramLabel = "LABEL",
      description = "The retracted label whose derived values to delete.")
  String label;

  @Option(names = "--dry-run", description = "Report what would be deleted; change nothing.")
  boolean dryRun;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why, for the purge log (a request's reference).")
  String reason;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "Who, for the purge log. Default: the user running the command.")
  String by;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String who = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "?");
    try (LabelPurger purger = LabelPurger.open(db.url)) {
      PurgeReport r = purger.purge(label, who, reason, dryRun, Clock.systemUTC());
      Output.print(spec, json.json ? PurgeText.json(r) : PurgeText.text(r));
    }
    return ExitCodes.OK;
  }
}
