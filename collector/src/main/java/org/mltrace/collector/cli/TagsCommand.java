package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.CatalogQuery;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.TagUse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mltrace tags}: every tag and the components carrying it. */
@Command(
    name = "tags",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace tags --json"},
    mixinStandardHelpOptions = true,
    description = "List the tags in use (declared in the YAML or added by 'mltrace tag').")
final class TagsCommand implements Callable<Integer> {
  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      List<TagUse> tags = new CatalogQuery(queries).tags();
      Output.print(spec, json.json ? AnalysisJson.tags(tags) : ListText.tags(tags));
    }
    return ExitCodes.OK;
  }
}
