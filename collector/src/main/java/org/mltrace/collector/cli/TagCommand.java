package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace tag COMPONENT TAG}: add a tag to a component. */
@Command(
    name = "tag",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace tag train critical"},
    mixinStandardHelpOptions = true,
    description = {
      "Add a tag to a component. Kept apart from the YAML's tags, so a new declaration keeps it."
    })
final class TagCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component name.")
  String component;

  @Parameters(index = "1", paramLabel = "TAG", description = "One word, no commas.")
  String tag;

  @Mixin DatabaseOption db;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      boolean added = new Annotations(queries).tag(component, tag);
      Output.print(spec, (added ? "tagged " : "already tagged ") + component + " " + tag);
    }
    return ExitCodes.OK;
  }
}
