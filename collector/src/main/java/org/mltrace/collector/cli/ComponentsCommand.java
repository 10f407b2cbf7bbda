package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.CatalogQuery;
import org.mltrace.collector.query.ComponentSummary;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mltrace components}: every component with owner, tags, runs and latest run. */
@Command(
    name = "components",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace components", "  mltrace components --owner ml-team --json"},
    mixinStandardHelpOptions = true,
    description = "List the components with owner, tags, run count, last run and its status.")
final class ComponentsCommand implements Callable<Integer> {
  @Option(names = "--owner", paramLabel = "O", description = "Only components owned by O.")
  String owner;

  @Option(names = "--tag", paramLabel = "T", description = "Only components tagged T.")
  String tag;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      List<ComponentSummary> components = new CatalogQuery(queries).components(owner, tag);
      Output.print(
          spec, json.json ? AnalysisJson.components(components) : ListText.components(components));
    }
    return ExitCodes.OK;
  }
}
