package org.mltrace.collector.trigger.builtin;

/**
 * A drift trigger's reference does not exist yet: the component's first run (reference {@code
 * previous} or {@code last:N}), or a reference component that has not run. Not a fault: the result
 * is {@code skipped} with this message, and counts as no failure or error.
 */
final class NoReferenceYetException extends MissingDataException {
  NoReferenceYetException(String message) {
    super(message);
  }
}
