package org.mltrace.collector.cli;

import org.mltrace.collector.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shared {@code --quiet} option of the commands that can take long: a progress bar on stderr
 * when the user watches a terminal, nothing when piped, redirected or quiet.
 */
final class ProgressOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--quiet",
      description = "No progress bar (it is drawn on stderr, and only when on a terminal).")
  boolean quiet;

  Progress progress() {
    if (quiet || !Terminal.interactive()) {
      return Progress.NONE;
    }
    return new ProgressBar(mixee.commandLine().getErr(), System::nanoTime);
  }
}
