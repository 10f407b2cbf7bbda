package org.mltrace.agent.event;

/**
 * One named input or output of a run.
 *
 * @param name the variable name from the YAML ({@code featuresPath}, {@code return}, {@code this})
 * @param kind what it held
 * @param text the value's text (numbers, booleans, strings) or the pointer identifier; null for
 *     {@link ValueKind#ABSENT} and {@link ValueKind#NULL}
 * @param pointerType for pointers: {@code data}, {@code model} or {@code endpoint}; for other
 *     values the YAML's {@code type:} (e.g. {@code metric}) or null
 * @param className the runtime class of the value, or null when not an object
 * @param size for strings the original length; for arrays, collections and maps the element count;
 *     for files the byte size; -1 when unknown or not applicable
 * @param summary for arrays, collections and maps of numbers or strings: their summary; else null.
 *     The value stays a {@link ValueKind#POINTER} (lineage follows the identity); the summary is
 *     extra.
 * @param file for file pointers: modification time and content fingerprint; else null
 * @param snapshot the YAML marked the variable {@code snapshot: true}: the collector on the same
 *     host copies the file the pointer names into its artifact store
 */
public record CapturedValue(
    String name,
    ValueKind kind,
    String text,
    String pointerType,
    String className,
    long size,
    ValueSummary summary,
    FileFacts file,
    boolean snapshot) {

  /** A value not marked for a snapshot. */
  public CapturedValue(
      String name,
      ValueKind kind,
      String text,
      String pointerType,
      String className,
      long size,
      ValueSummary summary,
      FileFacts file) {
    this(name, kind, text, pointerType, className, size, summary, file, false);
  }

  public CapturedValue(
      String name, ValueKind kind, String text, String pointerType, String className, long size) {
    this(name, kind, text, pointerType, className, size, null, null);
  }

  /**
   * A {@code float} or {@code double} whose text is left to the reader of the event: the agent
   * records it as its bits (in {@code size}, {@code text} null) and {@link EventCodec} writes them
   * so, and the collector's decoder gives the value the text {@link #formatNumber} makes, the same
   * {@code Double.toString} (or {@code Float.toString}) the agent used to call. Formatting a double
   * is the dearest step of a small recorded call on the application's thread (and its compilation
   * among the JIT's largest tasks while the agent starts), so the agent does not do it.
   *
   * @param className {@code java.lang.Float} for a float, else {@code java.lang.Double}
   */
  public static CapturedValue number(String name, double value, String className) {
    return new CapturedValue(
        name, ValueKind.DOUBLE, null, null, className, Double.doubleToRawLongBits(value));
  }

  /** Whether this is a {@link #number} whose text the reader still has to make. */
  public boolean isUnformattedNumber() {
    return kind == ValueKind.DOUBLE && text == null;
  }

  /** The text of a {@link #number}'s bits, as {@code Float.toString} or {@code Double.toString}. */
  public static String formatNumber(long bits, String className) {
    double value = Double.longBitsToDouble(bits);
    return "java.lang.Float".equals(className) || "float".equals(className)
        ? Float.toString((float) value)
        : Double.toString(value);
  }

  /** This value as its reader sees it: a {@link #number} with its text made. */
  public CapturedValue formatted() {
    return isUnformattedNumber()
        ? new CapturedValue(
            name,
            kind,
            formatNumber(size, className),
            pointerType,
            className,
            -1,
            summary,
            file,
            snapshot)
        : this;
  }

  public static CapturedValue absent(String name) {
    return new CapturedValue(name, ValueKind.ABSENT, null, null, null, -1);
  }

  /** This value with its type replaced (the YAML's {@code type:}). */
  public CapturedValue withPointerType(String type) {
    return new CapturedValue(name, kind, text, type, className, size, summary, file, snapshot);
  }

  /** This value marked (or not) for an artifact snapshot. */
  public CapturedValue withSnapshot(boolean snapshot) {
    return new CapturedValue(
        name, kind, text, pointerType, className, size, summary, file, snapshot);
  }

  /** This value with {@code summary} instead of its own. */
  public CapturedValue withSummary(ValueSummary summary) {
    return new CapturedValue(
        name, kind, text, pointerType, className, size, summary, file, snapshot);
  }

  /** The file's fingerprint, or null when none was taken. */
  public String fingerprint() {
    return file == null ? null : file.fingerprint();
  }

  public boolean isPointer() {
    return kind == ValueKind.POINTER;
  }
}
