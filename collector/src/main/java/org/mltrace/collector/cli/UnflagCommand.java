package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace unflag ID} or {@code mltrace unflag --all}: clear flags. */
@Command(
    name = "unflag",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace unflag /data/out/predictions.csv", "  mltrace unflag --all"},
    mixinStandardHelpOptions = true,
    description = "Clear an output's flag, or with --all every flag.")
final class UnflagCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ID",
      description = "An output's identifier.")
  String id;

  @Option(names = "--all", description = "Clear the flag of every flagged output.")
  boolean all;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (all == (id != null)) {
      throw new ParameterException(spec.commandLine(), "give either ID or --all");
    }
    try (QueryService queries = QueryService.open(db.url)) {
      Annotations annotations = new Annotations(queries);
      if (all) {
        int n = annotations.unflagAll();
        Output.print(spec, "unflagged " + n + (n == 1 ? " output" : " outputs"));
        return ExitCodes.OK;
      }
      String pointer = annotations.pointer(id);
      boolean was = annotations.unflag(pointer);
      Output.print(spec, (was ? "unflagged " : "was not flagged: ") + pointer);
    }
    return ExitCodes.OK;
  }
}
