package org.mltrace.collector.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AlertJson;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.staleness.StaleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace stale}: each component's latest run, when it is stale, and why. */
@Command(
    name = "stale",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace stale", "  mltrace stale --as-of 2026-01-31T00:00:00Z --json"},
    mixinStandardHelpOptions = true,
    description = {
      "List the latest run of each component that is stale, with the reasons.",
      "",
      "A run is stale when a run it depends on ended more than its component's stale_after "
          + "(default 30d) before it started, when that run's component produced a fresher output "
          + "before it started, or when that run failed one of its triggers (see docs/alerts.md)."
    })
final class StaleCommand implements Callable<Integer> {
  /** The clock "now" comes from without --as-of. */
  Clock clock = Clock.systemUTC();

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description = {
        "Judge as of this instant (ISO-8601 in UTC, e.g. 2026-01-31T00:00:00Z): runs that started, "
            + "and trigger results evaluated, after it are not seen. Default: now."
      })
  Instant asOf;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      List<StaleRun> stale = queries.staleRuns(asOf != null ? asOf : clock.instant());
      Output.print(spec, json.json ? AlertJson.stale(stale) : StaleText.render(stale));
    }
    return ExitCodes.OK;
  }
}
