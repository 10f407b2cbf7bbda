package org.mltrace.collector.trigger.builtin;

/**
 * The run (or its reference) lacks what a trigger needs: the variable, its summary, its sample, a
 * reference run. Becomes an {@code error} result carrying this message, which says what is missing
 * and, where it helps, how to get it captured.
 */
class MissingDataException extends Exception {
  MissingDataException(String message) {
    super(message);
  }
}
