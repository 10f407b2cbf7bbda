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
