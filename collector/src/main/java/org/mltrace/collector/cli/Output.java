package org.mltrace.collector.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Writes a command's result to its stdout, ending with exactly one line break. */
final class Output {
  private Output() {}

  static void print(CommandSpec spec, String text) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
  }
}
