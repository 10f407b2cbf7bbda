package org.mltrace.agent.core.capture;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;

/**
 * Values a plugin derived from the variables of one call (a Dataset's {@code NAME.schema}, its
 * {@code NAME.source[I]} files), added to the run after its own variables. Created only when the
 * YAML names plugins; confined to the calling thread.
 */
public final class DerivedValues {
  private final List<CapturedValue> inputs = new ArrayList<>(2);
  private final List<CapturedValue> outputs = new ArrayList<>(2);

  void beside(CapturedValue value, boolean input) {
    (input ? inputs : outputs).add(value);
  }

  /** A source is read by the run whichever side the value that named it is on. */
  void source(CapturedValue value) {
    inputs.add(value);
  }

  /** Appends what was derived to the run's inputs and outputs. */
  public void appendTo(List<CapturedValue> runInputs, List<CapturedValue> runOutputs) {
    runInputs.addAll(inputs);
    runOutputs.addAll(outputs);
  }
}
