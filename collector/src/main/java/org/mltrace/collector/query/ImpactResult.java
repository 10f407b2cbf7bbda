package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.store.RunRow;

/**
 * The answer to {@code impact ID}: everything derived from a pointer or a run.
 *
 * @param root the pointer identifier or run id asked about
 * @param rootIsRun true when {@code root} is a run id
 * @param runs the derived runs, oldest start first; {@code depth} 1 read the pointer (or depended
 *     on the run) directly
 * @param outputs the pointers those runs (and a root run) wrote, by identifier
 */
public record ImpactResult(String root, boolean rootIsRun, List<Run> runs, List<Output> outputs) {

  public record Run(RunRow run, int depth) {}

  /** An output, with the ids of the derived runs (or root run) that wrote it, sorted. */
  public record Output(String pointer, String type, List<String> writtenBy) {}
}
