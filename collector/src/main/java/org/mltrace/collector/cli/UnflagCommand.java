package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace unflag ID}: clear an output's flag. */
@Command(
    name = "unflag",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace unflag /data/out/predictions.csv"},
    mixinStandardHelpOptions = true,
    description = "Clear an output's flag.")
final class UnflagCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "An output's identifier.")
  String id;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      Annotations annotations = new Annotations(queries);
      String pointer = annotations.pointer(id);
      boolean was = annotations.unflag(pointer);
      Output.print(spec, (was ? "unflagged " : "was not flagged: ") + pointer);
    }
    return ExitCodes.OK;
  }
}
