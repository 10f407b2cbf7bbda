package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.LabelInfo;
import org.mltrace.collector.query.LabelJson;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mltrace label list}: every label, its pointers and whether it is retracted. */
@Command(
    name = "list",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace label list", "  mltrace label list --json"},
    mixinStandardHelpOptions = true,
    description =
        "List every label: the pointers that carry it directly and whether it is retracted.")
final class LabelListCommand implements Callable<Integer> {
  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      List<LabelInfo> labels = new LabelQuery(queries).list();
      Output.print(spec, json.json ? LabelJson.list(labels) : LabelText.list(labels));
    }
    return ExitCodes.OK;
  }
}
