package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace label add POINTER LABEL}. */
@Command(
    name = "add",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace label add /data/raw/client-42.csv client-42"},
    mixinStandardHelpOptions = true,
    description = "Label an input (a pointer).")
final class LabelAddCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "POINTER", description = "A file path, URI or mem:// id.")
  String pointer;

  @Parameters(index = "1", paramLabel = "LABEL", description = "The label, e.g. client-42.")
  String label;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      boolean added = new LabelQuery(queries).add(pointer, label);
      Output.print(spec, (added ? "labelled " : "already labelled ") + pointer + " " + label);
    }
    return ExitCodes.OK;
  }
}
