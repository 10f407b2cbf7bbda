package org.mltrace.agent.event;

/** An entry that is not a valid event of a version this code understands. */
public final class MalformedEventException extends RuntimeException {
  public MalformedEventException(String message) {
    super(message);
  }
}
