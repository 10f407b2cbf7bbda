package org.mltrace.collector.cli;

import java.io.Console;

/** Whether the user watches a terminal, so that drawing a progress bar there makes sense. */
final class Terminal {
  private Terminal() {}

  /**
   * True when standard input and output are a terminal. Up to Java 21 {@link System#console()} is
   * null otherwise; from Java 22 it returns a console even when redirected, and only {@code
   * Console.isTerminal()} (new in 22, called reflectively since we compile for 17) tells.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    if (Runtime.version().feature() < 22) {
      return true;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
