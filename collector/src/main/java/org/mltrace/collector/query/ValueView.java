package org.mltrace.collector.query;

/**
 * One input or output of a run.
 *
 * @param name the variable name from the YAML
 * @param kind the value kind in lower case: absent, null, boolean, long, double, string, pointer,
 *     error
 * @param type the pointer type (data, model, endpoint) for pointers, else {@code kind}
 * @param value the value's text or the pointer identifier; null for absent and null values
 * @param className the runtime class, or null when unknown
 * @param size string length, element count or file size; null when unknown
 */
public record ValueView(
    String name, String kind, String type, String value, String className, Long size) {

  public boolean isPointer() {
    return "pointer".equals(kind);
  }
}
