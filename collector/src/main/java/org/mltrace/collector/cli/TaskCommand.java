package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.TaskJson;
import org.mltrace.collector.query.TaskQuery;
import org.mltrace.collector.truth.TaskReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace task [NAME]}: a task's windowed metrics over time and its SLAs. */
@Command(
    name = "task",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace task tips", "  mltrace task tips --limit 5 --json"},
    mixinStandardHelpOptions = true,
    description = {
      "Show a task's windowed metrics (accuracy, precision, recall, F1, AUC or MAE) as a time",
      "series, one line per evaluation (newest first), and the state of its SLAs (see",
      "docs/ground-truth.md)."
    })
final class TaskCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "The task (default: the only one).")
  String name;

  @Mixin LimitOption limit;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      TaskReport r = new TaskQuery(queries).report(name, limit.limit);
      Output.print(spec, json.json ? TaskJson.report(r) : TaskText.report(r));
    }
    return ExitCodes.OK;
  }
}
