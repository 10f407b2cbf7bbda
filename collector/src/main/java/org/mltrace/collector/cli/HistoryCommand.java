package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.History;
import org.mltrace.collector.query.JsonRenderer;
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
    mixinStandardHelpOptions = true,
    description = "List a component's runs, newest first.")
final class HistoryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component name.")
  String component;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most this many runs (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    try (QueryService queries = QueryService.open(db.url)) {
      History history = queries.history(component, limit);
      Output.print(spec, json.json ? JsonRenderer.render(history) : HistoryText.render(history));
    }
    return ExitCodes.OK;
  }
}
