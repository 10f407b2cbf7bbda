package org.mltrace.agent.event;

/**
 * One named input or output of a run.
 *
 * @param name the variable name from the YAML ({@code featuresPath}, {@code return}, {@code this})
 * @param kind what it held
 * @param text the value's text (numbers, booleans, strings) or the pointer identifier; null for
 *     {@link ValueKind#ABSENT} and {@link ValueKind#NULL}
 * @param pointerType for pointers: {@code data}, {@code model} or {@code endpoint}; else null
 * @param className the runtime class of the value, or null when not an object
 * @param size for strings the original length; for arrays, collections and maps the element
 *     count; for files the byte size; -1 when unknown or not applicable
 */
public record CapturedValue(
    String name, ValueKind kind, String text, String pointerType, String className, long size) {

  public static CapturedValue absent(String name) {
    return new CapturedValue(name, ValueKind.ABSENT, null, null, null, -1);
  }

  public boolean isPointer() {
    return kind == ValueKind.POINTER;
  }
}
