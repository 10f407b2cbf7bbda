package org.mltrace.collector.query;

import java.util.List;

/**
 * What the UI marks on a run in a graph or list.
 *
 * @param failedTriggers names of its triggers whose result is {@code fail}
 * @param flaggedOutputs identifiers of the flagged pointers it wrote
 */
public record RunMarks(List<String> failedTriggers, List<String> flaggedOutputs) {
  public static final RunMarks NONE = new RunMarks(List.of(), List.of());
}
