package org.mltrace.collector.cli;

import java.util.regex.Pattern;

/** Quoting for the command lines mltrace prints for the user to paste into a POSIX shell. */
final class Shell {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

  private Shell() {}

  /** {@code word} as is when the shell leaves it alone, else in single quotes. */
  static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
