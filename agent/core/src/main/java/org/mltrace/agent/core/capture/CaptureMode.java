package org.mltrace.agent.core.capture;

import java.util.Locale;

/** The YAML's {@code capture:} for one variable: how much of its value to record. */
public enum CaptureMode {
  /** No {@code capture:} given: by the value's type (docs/config.md, "How values are recorded"). */
  AUTO,
  /** The value itself: a string stays text even when it names an existing file. */
  VALUE,
  /** Arrays, collections and maps with a summary, files with a fingerprint: the same as AUTO. */
  SUMMARY,
  /** Identity only: no summary, no content fingerprint (a file keeps its size and mtime). */
  POINTER,
  /** Not recorded at all: the variable is left out of the run. */
  NONE;

  /** The words the YAML accepts, in the order the documentation lists them. */
  public static final java.util.List<String> YAML_WORDS =
      java.util.List.of("value", "summary", "pointer", "none");

  public static CaptureMode ofYaml(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
