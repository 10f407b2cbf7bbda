package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.CatalogQuery;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.store.RunRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mltrace recent}: the latest runs of all components. */
@Command(
    name = "recent",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace recent --limit 5", "  mltrace recent --json"},
    mixinStandardHelpOptions = true,
    description = "List the latest runs of all components, newest first.")
final class RecentCommand implements Callable<Integer> {
  @Mixin LimitOption limit;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      List<RunRow> runs = new CatalogQuery(queries).recent(limit.limit);
      Output.print(spec, json.json ? AnalysisJson.runs(runs) : ListText.runs(runs));
    }
    return ExitCodes.OK;
  }
}
