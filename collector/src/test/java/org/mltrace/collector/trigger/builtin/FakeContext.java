package org.mltrace.collector.trigger.builtin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mltrace.collector.trigger.Phase;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;

/** A TriggerContext over hand-built runs: what the engine would materialize from the database. */
final class FakeContext implements TriggerContext {
  private final TriggerArgs args;
  private final Phase phase;
  private final RunSnapshot run;
  private final List<RunSnapshot> history = new ArrayList<>();
  private final Map<String, RunSnapshot> stored = new HashMap<>();
  private final Map<String, List<RunSnapshot>> otherComponents = new HashMap<>();

  FakeContext(Phase phase, RunSnapshot run, String... args) {
    this.args = TriggerArgs.of(args);
    this.phase = phase;
    this.run = run;
    stored.put(run.id(), run);
  }

  /** An after_run declaration. */
  static FakeContext after(RunSnapshot run, String... args) {
    return new FakeContext(Phase.AFTER_RUN, run, args);
  }

  /** A before_run declaration. */
  static FakeContext before(RunSnapshot run, String... args) {
    return new FakeContext(Phase.BEFORE_RUN, run, args);
  }

  /** Earlier runs of the same component, newest first. */
  FakeContext history(RunSnapshot... newestFirst) {
    for (RunSnapshot r : newestFirst) {
      history.add(r);
      stored.put(r.id(), r);
    }
    return this;
  }

  /** Stored runs reachable only by id (pinned references). */
  FakeContext stored(RunSnapshot... runs) {
    for (RunSnapshot r : runs) {
      stored.put(r.id(), r);
    }
    return this;
  }

  /** Another component's runs, newest first. */
  FakeContext other(RunSnapshot... newestFirst) {
    for (RunSnapshot r : newestFirst) {
      otherComponents.computeIfAbsent(r.component(), c -> new ArrayList<>()).add(r);
      stored.put(r.id(), r);
    }
    return this;
  }

  @Override
  public TriggerArgs args() {
    return args;
  }

  @Override
  public Phase phase() {
    return phase;
  }

  @Override
  public RunSnapshot run() {
    return run;
  }

  @Override
  public List<RunSnapshot> history() {
    return history;
  }

  @Override
  public Optional<RunSnapshot> runById(String runId) {
    return Optional.ofNullable(stored.get(runId));
  }

  @Override
  public List<RunSnapshot> latestRunsOf(String component, int limit) {
    List<RunSnapshot> runs = otherComponents.getOrDefault(component, List.of());
    return runs.subList(0, Math.min(limit, runs.size()));
  }
}
