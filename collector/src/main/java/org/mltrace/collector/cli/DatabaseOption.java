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
        "Default: $MLTRACE_DB, else ${DEFAULT-VALUE} (relative to the working directory)."
      })
  String url;
}
