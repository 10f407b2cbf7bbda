package org.mltrace.collector.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace note RUN TEXT}: add a note to a run. */
@Command(
    name = "note",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace note 3f9c2a1b7d40-17 retrained after the meter fix"},
    mixinStandardHelpOptions = true,
    description = {"Add a note to a run (shown by 'mltrace inspect')."})
final class NoteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
  String runId;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "TEXT",
      description = "The note (several words are joined with spaces).")
  List<String> words;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      Annotations annotations = new Annotations(queries);
      Annotations.Note note = annotations.note(runId, String.join(" ", words));
      Output.print(
          spec,
          json.json
              ? AnalysisJson.notes(List.of(note))
              : "noted on run " + note.runId() + " at " + TextFormat.time(note.notedAt()));
    }
    return ExitCodes.OK;
  }
}
