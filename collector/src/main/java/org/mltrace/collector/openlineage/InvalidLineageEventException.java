package org.mltrace.collector.openlineage;

/** A lineage request that cannot be accepted; the message says what was expected (a 400). */
public final class InvalidLineageEventException extends RuntimeException {
  InvalidLineageEventException(String message) {
    super(message);
  }
}
