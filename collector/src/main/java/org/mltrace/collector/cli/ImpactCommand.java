package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.ImpactQuery;
import org.mltrace.collector.query.ImpactResult;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace impact ID}: everything derived from an input or a run. */
@Command(
    name = "impact",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace impact /data/raw/2026-01-01.csv",
      "  mltrace impact 3f9c2a1b7d40-17 --json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Show every run and output derived from a pointer or a run, transitively (the forward trace).",
      "",
      "For a pointer: the runs that read it (any version), the runs that depend on those, and so "
          + "on; for a run: the runs that depend on it. Then every output those runs wrote: what "
          + "to rebuild or erase."
    })
final class ImpactCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "A run id or a pointer identifier.")
  String id;

  @Mixin DatabaseOption db;
  @Mixin ProgressOption progress;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      ImpactResult impact = new ImpactQuery(queries).impact(id, progress.progress());
      Output.print(spec, json.json ? AnalysisJson.impact(impact) : ImpactText.render(impact));
    }
    return ExitCodes.OK;
  }
}
