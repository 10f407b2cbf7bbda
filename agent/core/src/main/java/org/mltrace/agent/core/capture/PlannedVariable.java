package org.mltrace.agent.core.capture;

/**
 * Where one YAML variable's value arrives in the arrays that woven code passes to the hooks.
 *
 * @param name the name from the YAML, field path included ({@code result.metrics.accuracy})
 * @param input true for an input, false for an output
 * @param atEntry read at method entry (parameters and {@code this} as inputs) or at each exit
 * @param index position in the entry or exit array (where the path's first segment arrives)
 * @param options how to record it (the YAML's per-variable options and global defaults)
 * @param fieldPath the fields to follow from the arriving value, or null for a plain variable
 */
public record PlannedVariable(
    String name,
    boolean input,
    boolean atEntry,
    int index,
    CaptureOptions options,
    FieldPath fieldPath) {
  public PlannedVariable(
      String name, boolean input, boolean atEntry, int index, CaptureOptions options) {
    this(name, input, atEntry, index, options, FieldPath.of(name));
  }

  public PlannedVariable(String name, boolean input, boolean atEntry, int index) {
    this(name, input, atEntry, index, CaptureOptions.DEFAULTS);
  }
}
