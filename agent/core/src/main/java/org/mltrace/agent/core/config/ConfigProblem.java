package org.mltrace.agent.core.config;

/** One mistake in a YAML file, located for a person to fix. */
public record ConfigProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
