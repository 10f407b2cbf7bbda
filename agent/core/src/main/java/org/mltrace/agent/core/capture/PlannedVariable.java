package org.mltrace.agent.core.capture;

/**
 * Where one YAML variable's value arrives in the arrays that woven code passes to the hooks.
 *
 * @param name the name from the YAML
 * @param input true for an input, false for an output
 * @param atEntry read at method entry (parameters and {@code this} as inputs) or at each exit
 * @param index position in the entry or exit array
 * @param options how to record it (the YAML's per-variable options and global defaults)
 */
public record PlannedVariable(String name, boolean input, boolean atEntry, int index, CaptureOptions options) {
  public PlannedVariable(String name, boolean input, boolean atEntry, int index) {
    this(name, input, atEntry, index, CaptureOptions.DEFAULTS);
  }
}
