package org.mltrace.collector.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.JsonRenderer;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.LabelWarning;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.TraceLimits;
import org.mltrace.collector.query.TraceNode;
import org.mltrace.collector.query.TraceResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace trace ID}: the lineage of an output or a run. */
@Command(
    mixinStandardHelpOptions = true,
    name = "trace",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace trace /data/out/predictions.csv",
      "  mltrace trace 3f9c2a1b7d40-17 --depth 2 --json"
    },
    description = {
      "Show where an output or a run came from.",
      "",
      "ID is a run id or an output's identifier (a file path, URI or in-memory id). Shows the run "
          + "that last wrote the output, that run's inputs and outputs, the runs that wrote those "
          + "inputs, and so on, depth first."
    })
final class TraceCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "A run id, or an output's identifier (a relative file path is made absolute).")
  String id;

  @Option(
      names = "--depth",
      paramLabel = "N",
      defaultValue = "-1",
      description = "Show at most N levels of producers above the start (default: all).")
  int depth;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description =
          "Only producers that started at or after TIME (2026-01-01T06:00:00Z, 2026-01-01, 7d).")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "Only producers that started before TIME.")
  Instant until;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      TraceResult trace = queries.trace(id, new TraceLimits(depth, since, until));
      List<LabelWarning> warnings = new LabelQuery(queries).warnings(rootRun(trace));
      Output.print(
          spec,
          json.json
              ? AnalysisJson.withLabelWarnings(JsonRenderer.render(trace), warnings)
              : TraceText.render(trace) + NotesText.warnings(warnings));
    }
    return ExitCodes.OK;
  }

  /** The run the trace starts at, or null for an output no recorded run wrote. */
  private static String rootRun(TraceResult trace) {
    if (trace instanceof TraceResult.RunTrace run) {
      return run.root().run().row().id();
    }
    TraceNode producer = ((TraceResult.PointerTrace) trace).producedBy();
    return producer == null ? null : producer.run().row().id();
  }
}
