package org.mltrace.collector.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.alert.AlertNotifier;
import org.mltrace.collector.alert.AlertSink;
import org.mltrace.collector.query.TaskJson;
import org.mltrace.collector.truth.FeedbackImport;
import org.mltrace.collector.truth.TaskException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mltrace feedback --file F [--task T]}: labels from a CSV file joined to a task's
 * predictions.
 */
@Command(
    name = "feedback",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace feedback --file tips.csv",
      "  mltrace feedback --file tips.csv --task tips --json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Import labels (ground truth) for a task's predictions from a CSV file with the header",
      "id,label or id,label,time (see docs/ground-truth.md). Importing the same file again",
      "changes nothing; a later label of an id replaces the earlier one. A file with a bad",
      "line is refused whole, each bad line reported as FILE:LINE."
    })
final class FeedbackCommand implements Callable<Integer> {
  @Option(
      names = "--file",
      required = true,
      paramLabel = "CSV",
      description = "The labels: id,label[,time].")
  Path file;

  @Option(
      names = "--task",
      paramLabel = "TASK",
      description = "The task (default: the only one declared).")
  String task;

  @Mixin AlertSinkOptions alertSinks;
  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    List<AlertSink> sinks = alertSinks.sinks();
    FeedbackImport.Result r;
    try {
      r = FeedbackImport.run(db.url, file, task);
    } catch (TaskException e) {
      PrintWriter err = spec.commandLine().getErr();
      e.problems().forEach(p -> err.println("mltrace: " + p));
      err.flush();
      throw e;
    }
    // Sent once the import committed, like collect's; waited for, so the command ends after them.
    try (AlertNotifier notifier = new AlertNotifier(sinks)) {
      r.alerts().forEach(notifier::submit);
      notifier.awaitIdle(CollectCommand.ALERT_DELIVERY_WAIT);
    }
    Output.print(spec, json.json ? TaskJson.feedback(r) : TaskText.feedback(r));
    return ExitCodes.OK;
  }
}
