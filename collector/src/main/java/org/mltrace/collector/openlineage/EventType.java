package org.mltrace.collector.openlineage;

/** The OpenLineage run state transitions ({@code eventType}). */
enum EventType {
  START,
  RUNNING,
  COMPLETE,
  ABORT,
  FAIL,
  OTHER;

  /** True for the transitions that end a run. */
  boolean ends() {
    return this == COMPLETE || this == ABORT || this == FAIL;
  }

  /** The type named {@code text}, or null when it is none of them. */
  static EventType named(String text) {
    for (EventType t : values()) {
      if (t.name().equals(text)) {
        return t;
      }
    }
    return null;
  }
}
