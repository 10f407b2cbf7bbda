package org.mltrace.agent.core.capture;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;

/**
 * Values a plugin derived from the variables of one call (a Dataset's {@code NAME.schema}, its
 * {@code NAME.source[I]} files), added to the run after its own variables. Created per call only
 * when the YAML names plugins, and then a single small object: the lists exist only once a plugin
 * derived something. Confined to the calling thread.
 */
public final class DerivedValues {
  private List<CapturedValue> inputs;
  private List<CapturedValue> outputs;

  void beside(CapturedValue value, boolean input) {
    if (input) {
      source(value);
    } else {
      if (outputs == null) {
        outputs = new ArrayList<>(2);
      }
      outputs.add(value);
    }
  }

  /** A source is read by the run whichever side the value that named it is on. */
  void source(CapturedValue value) {
    if (inputs == null) {
      inputs = new ArrayList<>(2);
    }
    inputs.add(value);
  }

  /** Appends what was derived to the run's inputs and outputs. */
  public void appendTo(List<CapturedValue> runInputs, List<CapturedValue> runOutputs) {
    if (inputs != null) {
      runInputs.addAll(inputs);
    }
    if (outputs != null) {
      runOutputs.addAll(outputs);
    }
  }
}
