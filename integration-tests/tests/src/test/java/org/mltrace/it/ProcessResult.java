package org.mltrace.it;

/** What a finished child JVM printed and how it exited. */
record ProcessResult(String command, int exitCode, String stdout, String stderr) {
  @Override
  public String toString() {
    return command + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
