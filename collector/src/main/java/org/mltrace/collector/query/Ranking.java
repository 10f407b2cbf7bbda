package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.store.RunRow;

/**
 * The answer to {@code review} and {@code slice}: the runs that occur in a set of traces, ranked by
 * how many of the traces they occur in (most first), ties broken by the most recent start, then by
 * run id.
 *
 * @param traced what was traced: output identifiers for {@code review}, run ids for {@code slice}
 * @param unproduced outputs among those asked about that no recorded run wrote (their trace is
 *     empty)
 * @param runs the ranking
 */
public record Ranking(List<String> traced, List<String> unproduced, List<RankedRun> runs) {

  /**
   * @param rank the position in the ranking, from 1
   * @param traces how many of the traces the run occurs in
   * @param stale why the run is stale now (empty when it is not)
   */
  public record RankedRun(int rank, RunRow run, int traces, List<StaleReason> stale) {}
}
