package org.mltrace.collector.cli;

import picocli.CommandLine.Option;

/** The shared {@code --json} option. */
final class JsonOption {
  @Option(names = "--json", description = "Print JSON instead of text (see docs/cli.md).")
  boolean json;
}
