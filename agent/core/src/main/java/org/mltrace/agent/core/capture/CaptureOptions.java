package org.mltrace.agent.core.capture;

/**
 * How to record one variable, with the YAML's global defaults already applied.
 *
 * @param type the YAML's {@code type:} ({@code data}, {@code model}, {@code endpoint}, {@code
 *     metric}), replacing the guessed pointer type; null to guess
 * @param mode the YAML's {@code capture:}
 * @param redact store only {@code sha256:HEX} of the value's text, never the text
 * @param maxStringLength strings are cut to this many characters
 * @param sampleCap summaries read at most this many elements
 */
public record CaptureOptions(String type, CaptureMode mode, boolean redact, int maxStringLength, int sampleCap) {
  public static final int DEFAULT_MAX_STRING_LENGTH = 256;
  public static final int DEFAULT_SAMPLE_CAP = 1024;
  public static final CaptureOptions DEFAULTS =
      new CaptureOptions(null, CaptureMode.AUTO, false, DEFAULT_MAX_STRING_LENGTH, DEFAULT_SAMPLE_CAP);

  public CaptureOptions withMaxStringLength(int length) {
    return new CaptureOptions(type, mode, redact, length, sampleCap);
  }
}
