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
 * @param snapshot the YAML's {@code snapshot: true}: a file pointer is marked so that the collector
 *     on the same host copies the file into its artifact store
 * @param keepSample a declared trigger needs the summary's sampled values ({@code psi}, {@code
 *     outliers}, ...): the summary carries them; false for every other variable, which then costs
 *     nothing more
 * @param keepHashes a declared trigger needs the sampled elements' hashes ({@code
 *     train_test_leakage}): the summary carries them
 * @param keepTexts a task names the variable (identifiers, predictions or labels): the summary
 *     carries every sampled element as text, nulls in place
 */
public record CaptureOptions(
    String type,
    CaptureMode mode,
    boolean redact,
    int maxStringLength,
    int sampleCap,
    boolean snapshot,
    boolean keepSample,
    boolean keepHashes,
    boolean keepTexts) {
  public static final int DEFAULT_MAX_STRING_LENGTH = 256;
  public static final int DEFAULT_SAMPLE_CAP = 1024;
  public static final CaptureOptions DEFAULTS =
      new CaptureOptions(
          null, CaptureMode.AUTO, false, DEFAULT_MAX_STRING_LENGTH, DEFAULT_SAMPLE_CAP);

  /** Without a snapshot. */
  public CaptureOptions(
      String type, CaptureMode mode, boolean redact, int maxStringLength, int sampleCap) {
    this(type, mode, redact, maxStringLength, sampleCap, false);
  }

  /** Without a sample or hashes kept. */
  public CaptureOptions(
      String type,
      CaptureMode mode,
      boolean redact,
      int maxStringLength,
      int sampleCap,
      boolean snapshot) {
    this(type, mode, redact, maxStringLength, sampleCap, snapshot, false, false, false);
  }

  public CaptureOptions withMaxStringLength(int length) {
    return new CaptureOptions(
        type, mode, redact, length, sampleCap, snapshot, keepSample, keepHashes, keepTexts);
  }

  public CaptureOptions withSnapshot(boolean snapshot) {
    return new CaptureOptions(
        type,
        mode,
        redact,
        maxStringLength,
        sampleCap,
        snapshot,
        keepSample,
        keepHashes,
        keepTexts);
  }

  /** These options, additionally keeping the sample and/or hashes (what triggers need). */
  public CaptureOptions keeping(boolean sample, boolean hashes) {
    return new CaptureOptions(
        type,
        mode,
        redact,
        maxStringLength,
        sampleCap,
        snapshot,
        keepSample || sample,
        keepHashes || hashes,
        keepTexts);
  }

  /**
   * These options keeping the elements' texts (what a task needs), reading at least {@code cap}
   * elements: a task's {@code max_pairs} wins over a smaller {@code sample_cap}.
   */
  public CaptureOptions keepingTexts(int cap) {
    return new CaptureOptions(
        type,
        mode,
        redact,
        maxStringLength,
        Math.max(sampleCap, cap),
        snapshot,
        keepSample,
        keepHashes,
        true);
  }

  /** Whether the summary must carry extras beyond its moments. */
  public boolean keepsExtras() {
    return keepSample || keepHashes || keepTexts;
  }
}
