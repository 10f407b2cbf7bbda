package org.mltrace.collector.query;

import org.mltrace.collector.store.PointerRow;

/** The answer to {@code trace ID}: the lineage of a run, or of an output pointer. */
public sealed interface TraceResult {

  /** ID named a run: the tree rooted at it. */
  record RunTrace(TraceNode root) implements TraceResult {}

  /**
   * ID named a pointer: the tree rooted at the run that last wrote it, or null when no recorded run
   * wrote it (it was only read, by {@code readers} runs).
   */
  record PointerTrace(PointerRow pointer, TraceNode producedBy, int readers)
      implements TraceResult {}
}
