package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.JsonRenderer;
import org.mltrace.collector.query.LabelQuery;
import org.mltrace.collector.query.LabelWarning;
import org.mltrace.collector.query.PurgeNotice;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.RunDetail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace inspect RUN_ID}: one run with everything recorded about it. */
@Command(
    mixinStandardHelpOptions = true,
    name = "inspect",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace inspect 3f9c2a1b7d40-17", "  mltrace inspect 3f9c2a1b7d40-17 --json"},
    description = {
      "Show one run with everything recorded about it.",
      "",
      "Times, code version, git commit, host, inputs, outputs, the runs it depends on and that "
          + "depend on it, and its component's owner, description and tags."
    })
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id.")
  String runId;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      RunDetail detail = queries.inspect(runId);
      List<Annotations.Note> notes = new Annotations(queries).notes(runId);
      LabelQuery labels = new LabelQuery(queries);
      List<LabelWarning> warnings = labels.warnings(runId);
      List<PurgeNotice> purges = labels.purges(runId);
      Output.print(
          spec,
          json.json
              ? AnalysisJson.withPurges(
                  AnalysisJson.withNotes(JsonRenderer.render(detail), notes, warnings), purges)
              : RunText.render(detail)
                  + NotesText.render(notes)
                  + NotesText.warnings(warnings)
                  + NotesText.purges(purges));
    }
    return ExitCodes.OK;
  }
}
