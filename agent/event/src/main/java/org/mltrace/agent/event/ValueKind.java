package org.mltrace.agent.event;

/** What a captured variable held, as far as the event is concerned. */
public enum ValueKind {
  /** The variable was not available at that exit (a local out of scope, or not assigned). */
  ABSENT,
  /** The variable held {@code null}. */
  NULL,
  BOOLEAN,
  /** Any integral primitive or boxed integral value; {@code text} holds its decimal form. */
  LONG,
  /**
   * {@code float} or {@code double}; {@code text} holds {@link Double#toString(double)} (or {@code
   * Float.toString}). In the agent, before it is written, a {@link CapturedValue#number} holds the
   * bits instead and no text.
   */
  DOUBLE,
  /** A string, possibly cut; {@code size} holds the original length. */
  STRING,
  /** An IOPointer: a file, URI or in-memory object; {@code text} holds its identifier. */
  POINTER,
  /** Capturing the value failed inside the agent; {@code text} says why. */
  ERROR,
  /**
   * The YAML asked to redact the variable: {@code text} is {@code sha256:HEX} of what the text
   * would have been (the value, or the pointer's identifier), never the text itself. Since format
   * version 2.
   */
  REDACTED;

  private static final ValueKind[] VALUES = values();

  static ValueKind ofOrdinal(int ordinal) {
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new MalformedEventException("unknown value kind " + ordinal);
    }
    return VALUES[ordinal];
  }
}
