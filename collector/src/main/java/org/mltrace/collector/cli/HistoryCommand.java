package org.mltrace.collector.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.History;
import org.mltrace.collector.query.JsonRenderer;
import org.mltrace.collector.query.MetricQuery;
import org.mltrace.collector.query.MetricSeries;
import org.mltrace.collector.query.MonitorJson;
import org.mltrace.collector.query.MonitorQuery;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace history COMPONENT}: a component's recent runs. */
@Command(
    name = "history",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace history train --limit 5",
      "  mltrace history train --since 2026-01-01 --until 2026-01-08",
      "  mltrace history train --metric accuracy --json",
      "  mltrace history train --metric accuracy --since 30d --buckets 60",
      "  mltrace history featurize --metric fares.null_fraction --since 2026-01-01"
    },
    mixinStandardHelpOptions = true,
    description = "List a component's runs, newest first.")
final class HistoryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component name.")
  String component;

  @Mixin LimitOption limit;

  @Option(
      names = "--metric",
      paramLabel = "NAME",
      description =
          "Instead of the runs, a captured number NAME (an input or output), NAME.STAT for a"
              + " statistic of the summary of the array or collection NAME (mean, min, max,"
              + " stddev, count, null_fraction, distinct), or trigger:NAME for a trigger's value:"
              + " over the latest --limit runs, or with --since, --until or --buckets in time"
              + " buckets (runs, min, mean, max per bucket).")
  String metric;

  @Option(
      names = "--buckets",
      paramLabel = "N",
      description =
          "With --metric: aggregate the runs between --since and --until (default: all) into at"
              + " most N time buckets (1 to "
              + MonitorQuery.MAX_BUCKETS
              + ", default "
              + MonitorQuery.DEFAULT_BUCKETS
              + ").")
  Integer buckets;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description =
          "Only runs that started at or after TIME (2026-01-01T06:00:00Z, 2026-01-01, 7d).")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "Only runs that started before TIME.")
  Instant until;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      if (metric != null) {
        if (since != null || until != null || buckets != null) {
          MonitorQuery.Series series =
              new MonitorQuery(queries)
                  .series(
                      component,
                      metric,
                      since,
                      until,
                      buckets == null ? MonitorQuery.DEFAULT_BUCKETS : buckets);
          Output.print(
              spec, json.json ? MonitorJson.series(series) : MetricText.renderBuckets(series));
          return ExitCodes.OK;
        }
        MetricSeries series = new MetricQuery(queries).series(component, metric, limit.limit);
        Output.print(spec, json.json ? AnalysisJson.metric(series) : MetricText.render(series));
        return ExitCodes.OK;
      }
      if (buckets != null) {
        throw new ParameterException(spec.commandLine(), "--buckets needs --metric");
      }
      History history = queries.history(component, limit.limit, since, until);
      Output.print(spec, json.json ? JsonRenderer.render(history) : HistoryText.render(history));
    }
    return ExitCodes.OK;
  }
}
