package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace flag [ID] [--note TEXT]}: mark an output for review, or list flagged outputs. */
@Command(
    name = "flag",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace flag /data/out/predictions.csv --note \"fares look doubled\"",
      "  mltrace flag"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Flag an output as problematic (for 'mltrace review'), or, without ID, list flagged outputs.",
      "",
      "Flagging again replaces the note. 'mltrace compact' keeps every run a flagged output "
          + "descends from."
    })
final class FlagCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ID",
      description = "An output's identifier (a relative file path is made absolute).")
  String id;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why it is flagged.")
  String note;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      Annotations annotations = new Annotations(queries);
      if (id == null) {
        var flags = annotations.flagged();
        Output.print(spec, json.json ? AnalysisJson.flags(flags) : ListText.flags(flags));
        return ExitCodes.OK;
      }
      Annotations.Flag flag = annotations.flag(id, note);
      Output.print(
          spec,
          json.json
              ? AnalysisJson.flags(java.util.List.of(flag))
              : "flagged " + flag.pointer() + (note == null ? "" : ": " + note));
    }
    return ExitCodes.OK;
  }
}
