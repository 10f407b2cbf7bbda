package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.LabelInfo;
import org.mltrace.collector.query.LabelJson;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace label show LABEL}: what carries the label, directly and through lineage. */
@Command(
    name = "show",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace label show client-42", "  mltrace label show client-42 --json"},
    mixinStandardHelpOptions = true,
    description =
        "Show a label: the pointers that carry it directly, the runs and outputs that carry it"
            + " through lineage, and whether it is retracted.")
final class LabelShowCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LABEL", description = "The label.")
  String label;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      LabelInfo info = new LabelQuery(queries).show(label);
      Output.print(spec, json.json ? LabelJson.show(info) : LabelText.show(info));
    }
    return ExitCodes.OK;
  }
}
