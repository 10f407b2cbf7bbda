package org.mltrace.collector.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace label retract LABEL}: record a deletion request for the label's data. */
@Command(
    name = "retract",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace label retract client-42"},
    mixinStandardHelpOptions = true,
    description = {
      "Record a deletion request for LABEL: trace and inspect then warn about every run that "
          + "starts later and derives from the label's data."
    })
final class LabelRetractCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LABEL", description = "The label.")
  String label;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      Instant at = new LabelQuery(queries).retract(label);
      Output.print(spec, "retracted " + label + " at " + TextFormat.time(at));
    }
    return ExitCodes.OK;
  }
}
