package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mltrace export}: the group of export formats. */
@Command(
    name = "export",
    footerHeading = "%nExample:%n",
    footer = {"  mltrace export openlineage --since 7d --out runs.ndjson"},
    mixinStandardHelpOptions = true,
    description = {"Write the stored runs in another tool's format."},
    subcommands = {ExportOpenLineageCommand.class})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("mltrace: export needs a format: openlineage");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
