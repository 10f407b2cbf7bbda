package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.Ranking;
import org.mltrace.collector.query.ReviewQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace review [IDS...]}: the runs most common to flagged outputs' traces. */
@Command(
    name = "review",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace review", "  mltrace review /data/out/predictions.csv --json"},
    mixinStandardHelpOptions = true,
    description = {
      "Rank the runs in the traces of the flagged outputs (or of the given outputs or runs) by "
          + "how many of those traces they occur in; ties: the most recent run first."
    })
final class ReviewCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "ID",
      description = "Outputs (or runs) to trace instead of the flagged outputs.")
  List<String> ids;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      Ranking ranking = new ReviewQuery(queries).review(ids == null ? List.of() : ids);
      Output.print(
          spec, json.json ? AnalysisJson.ranking(ranking) : RankingText.render(ranking, "output"));
    }
    return ExitCodes.OK;
  }
}
