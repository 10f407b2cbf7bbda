package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mltrace label}: the group of information-flow label commands. */
@Command(
    name = "label",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace label add /data/raw/client-42.csv client-42",
      "  mltrace label outputs client-42",
      "  mltrace label list"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Information-flow labels: a label on an input propagates to everything derived from it."
    },
    subcommands = {
      LabelAddCommand.class,
      LabelListCommand.class,
      LabelShowCommand.class,
      LabelOutputsCommand.class,
      LabelRetractCommand.class
    })
final class LabelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("mltrace: label needs a command: add, list, show, outputs or retract");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
