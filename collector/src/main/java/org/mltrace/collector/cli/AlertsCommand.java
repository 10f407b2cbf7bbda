package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AlertJson;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.store.Alert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace alerts [--all]}: the open alerts, or all of them. */
@Command(
    name = "alerts",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace alerts", "  mltrace alerts --all --json"},
    mixinStandardHelpOptions = true,
    description = {
      "List open alerts, the most recently opened first.",
      "",
      "A trigger declared with 'alert: true' (the default for metric_threshold) opens an alert when "
          + "it fails after passing, and resolves it when it passes again (see docs/alerts.md)."
    })
final class AlertsCommand implements Callable<Integer> {
  @Option(names = "--all", description = "Also list resolved alerts.")
  boolean all;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      List<Alert> alerts = queries.alerts(all);
      Output.print(spec, json.json ? AlertJson.alerts(alerts) : AlertsText.render(alerts, all));
    }
    return ExitCodes.OK;
  }
}
