package org.mltrace.collector.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.Ranking;
import org.mltrace.collector.query.ReviewQuery;
import org.mltrace.collector.query.SliceRequest;
import org.mltrace.collector.query.WherePredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mltrace slice}: select runs by component, time, tag and value; rank their traces' runs.
 */
@Command(
    name = "slice",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace slice --component predict --since 7d --where \"prediction > 0.8\""},
    mixinStandardHelpOptions = true,
    description = {
      "Select the runs of a component (or of the components with a tag) in a time window whose "
          + "captured number satisfies --where, and rank the runs in their traces as 'review' does."
    })
final class SliceCommand implements Callable<Integer> {
  @Option(
      names = "--component",
      paramLabel = "C",
      description = "The component whose runs to select.")
  String component;

  @Option(
      names = "--tag",
      paramLabel = "T",
      description = "Components tagged T (with --component: it must be).")
  String tag;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "Runs started at or after TIME (2026-01-01T06:00:00Z, 2026-01-01 or 7d ago).")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "Runs started before TIME.")
  Instant until;

  @Option(
      names = "--where",
      paramLabel = "\"VAR OP NUMBER\"",
      description = "A numeric input or output of the run, e.g. \"prediction > 0.8\".")
  String where;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    WherePredicate predicate = where == null ? null : WherePredicate.parse(where);
    try (QueryService queries = QueryService.open(db.url)) {
      Ranking ranking =
          new ReviewQuery(queries).slice(new SliceRequest(component, tag, since, until, predicate));
      Output.print(
          spec, json.json ? AnalysisJson.ranking(ranking) : RankingText.render(ranking, "run"));
    }
    return ExitCodes.OK;
  }
}
