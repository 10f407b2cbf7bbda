package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mltrace completion}: prints picocli's completion script for every command and option. The
 * one script serves bash and zsh (it loads zsh's bashcompinit itself); the build also writes it
 * next to the jar as {@code mltrace_completion}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script for bash and zsh.",
      "",
      "Load it in the current shell with 'source <(mltrace completion)', or for every new shell "
          + "add that line to ~/.bashrc or ~/.zshrc. The build writes the same script to "
          + "collector/target/mltrace_completion."
    },
    footerHeading = "%nExample:%n",
    footer = {"  mltrace completion > ~/.mltrace_completion", "  source <(mltrace completion)"})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Output.print(spec, AutoComplete.bash("mltrace", spec.root().commandLine()));
    return ExitCodes.OK;
  }
}
