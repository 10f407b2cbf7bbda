package org.mltrace.collector.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The shared {@code --limit N} option of the commands that list rows: the same name, default and
 * check everywhere, so {@code --limit 0} is refused the same way by each.
 */
final class LimitOption {
  static final int DEFAULT = 20;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  int limit = DEFAULT;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N rows, newest first (default " + DEFAULT + ").")
  void limit(int n) {
    if (n < 1) {
      throw new ParameterException(mixee.commandLine(), "--limit must be at least 1, got " + n);
    }
    limit = n;
  }
}
