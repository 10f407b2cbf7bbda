package org.mltrace.collector.cli;

import picocli.CommandLine.Option;

/** The shared {@code --db JDBC_URL} option. */
final class DatabaseOption {
  static final String DEFAULT_URL = "jdbc:h2:file:./mltrace-data/mltrace";

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      defaultValue = "${env:MLTRACE_DB:-" + DEFAULT_URL + "}",
      description = {
        "Database to use: jdbc:h2:file:PATH or jdbc:postgresql://HOST:PORT/DB?user=U&password=P.",
        // The URL itself, not ${DEFAULT-VALUE}: that would show $MLTRACE_DB's value, which then
        // leaks into docs/cli.md and differs from machine to machine.
        "Default: $MLTRACE_DB, else " + DEFAULT_URL + " (relative to the working directory)."
      })
  String url;
}
