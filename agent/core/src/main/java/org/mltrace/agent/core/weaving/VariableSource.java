package org.mltrace.agent.core.weaving;

import org.objectweb.asm.Type;

/** Where woven code reads one variable from. */
sealed interface VariableSource {
  /** A parameter or {@code this}: a fixed slot with a fixed type for the whole method. */
  record Slot(int index, Type type) implements VariableSource {}

  /** A local variable: its slot depends on the exit, found in the LocalVariableTable. */
  record Local(String name) implements VariableSource {}

  /** The value being returned. */
  record Return(Type type) implements VariableSource {}

  /** Nothing to read; recorded as absent. {@code reason} was already reported. */
  record Missing(String reason) implements VariableSource {}
}
