package org.mltrace.collector.query;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * A run's trigger results in brief, as {@code history} shows them: how many passed, failed and
 * errored, and which failed, errored or were skipped. A skipped trigger (nothing to compare with
 * yet) is no failure and no error, and is counted in neither.
 *
 * @param failed the names of the failed triggers, in phase and declaration order
 * @param errors the names of the triggers that could not decide
 * @param pending whether the run's triggers still wait for the engine
 * @param skipped the names of the triggers skipped for want of a reference
 */
public record TriggerCounts(
    int pass,
    int fail,
    int error,
    List<String> failed,
    List<String> errors,
    boolean pending,
    List<String> skipped) {
  public static final TriggerCounts NONE =
      new TriggerCounts(0, 0, 0, List.of(), List.of(), false, List.of());
  public static final TriggerCounts PENDING =
      new TriggerCounts(0, 0, 0, List.of(), List.of(), true, List.of());

  static TriggerCounts of(List<TriggerOutcome> results) {
    int pass = 0;
    List<String> failed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (TriggerOutcome r : results) {
      switch (r.status()) {
        case "pass" -> pass++;
        case "fail" -> failed.add(r.triggerName());
        case "skipped" -> skipped.add(r.triggerName());
        default -> errors.add(r.triggerName());
      }
    }
    return new TriggerCounts(
        pass,
        failed.size(),
        errors.size(),
        List.copyOf(failed),
        List.copyOf(errors),
        false,
        List.copyOf(skipped));
  }

  /** True when the run has no stored result (no triggers declared, or still pending). */
  public boolean none() {
    return pass + fail + error + skipped.size() == 0;
  }
}
