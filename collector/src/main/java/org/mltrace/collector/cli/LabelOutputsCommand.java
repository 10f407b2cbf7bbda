package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.ImpactResult;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace label outputs LABEL}: every run and output derived from the label's inputs. */
@Command(
    name = "outputs",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace label outputs client-42 --json"},
    mixinStandardHelpOptions = true,
    description = "List the runs and outputs derived from the inputs that carry LABEL.")
final class LabelOutputsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LABEL", description = "The label.")
  String label;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      ImpactResult derived = new LabelQuery(queries).outputs(label);
      Output.print(
          spec,
          json.json ? AnalysisJson.labelOutputs(derived) : "label " + ImpactText.render(derived));
    }
    return ExitCodes.OK;
  }
}
