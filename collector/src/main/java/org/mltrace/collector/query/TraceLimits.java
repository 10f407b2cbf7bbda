package org.mltrace.collector.query;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.lineage.UpstreamWalker;
import org.mltrace.collector.store.RunRepository;
import org.mltrace.collector.store.RunRow;

/**
 * How far {@code trace} goes: at most {@code depth} producers above the start (below 0: no limit),
 * and only producers that started in [since, until) (null: unbounded), whose own upstream is then
 * left out too. The run the trace starts at is always shown.
 */
public record TraceLimits(int depth, Instant since, Instant until) {
  public static final TraceLimits NONE = new TraceLimits(-1, null, null);

  /**
   * @throws InvalidRequestException if depth is 0 or less than -1, or since is not before until
   */
  public TraceLimits {
    if (depth == 0 || depth < -1) {
      throw new InvalidRequestException("--depth must be at least 1, got " + depth);
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new InvalidRequestException("--since " + since + " must be before --until " + until);
    }
  }

  UpstreamWalker.UpstreamSource filter(RunRepository repository) {
    if (since == null && until == null) {
      return repository::upstreamOf;
    }
    Map<String, Instant> starts = new HashMap<>();
    return runId -> {
      List<Dependency> all = repository.upstreamOf(runId);
      return all.stream()
          .filter(
              d -> {
                Instant start =
                    starts.computeIfAbsent(
                        d.dependsOnRunId(),
                        id -> repository.findRun(id).map(RunRow::startTime).orElse(null));
                return start != null
                    && (since == null || !start.isBefore(since))
                    && (until == null || start.isBefore(until));
              })
          .toList();
    };
  }
}
