package org.mltrace.collector.trigger.builtin;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code train_test_leakage}: the share of the test set also found in the training set, by the
 * agent's 64-bit element hashes, {@code |distinct(train) ∩ distinct(test)| / |distinct(test)|},
 * where {@code variable} is the training collection and {@code other} the test collection, both of
 * this run. At most {@code max_overlap} (default 0: any shared element fails).
 *
 * <p>Exact when both collections were read whole (summary sampling {@code all}, at most the sample
 * cap); beyond the cap the agent hashes a sample of each, which can only miss shared elements, so
 * the figure is then a lower bound.
 */
final class TrainTestLeakageTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "train_test_leakage";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "other", "max_overlap")
        .required("variable", "the captured training collection")
        .required("other", "the captured test collection to compare with the training one")
        .fraction("max_overlap")
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    double maxOverlap = args.number("max_overlap", 0);
    CapturedData train = Variables.find(name(), ctx.run(), ctx.phase(), args.string("variable"));
    CapturedData test = Variables.find(name(), ctx.run(), ctx.phase(), args.string("other"));
    Set<Long> trainSet = distinct(Variables.hashes(name(), train));
    Set<Long> testSet = distinct(Variables.hashes(name(), test));
    if (testSet.isEmpty()) {
      throw new MissingDataException(
          name() + ": '" + test.name() + "' has no element hashes (an empty collection)");
    }
    long shared = testSet.stream().filter(trainSet::contains).count();
    double overlap = (double) shared / testSet.size();
    String bound = lowerBound(train) || lowerBound(test) ? " (sampled: at least)" : "";
    String message =
        shared
            + " of "
            + testSet.size()
            + " distinct '"
            + test.name()
            + "' elements also in '"
            + train.name()
            + "'"
            + bound
            + ": overlap "
            + Numbers.show(overlap)
            + ", allowed "
            + Numbers.show(maxOverlap);
    return TriggerResult.of(overlap <= maxOverlap, overlap, maxOverlap, message);
  }

  private static Set<Long> distinct(long[] hashes) {
    Set<Long> set = new HashSet<>(hashes.length * 2);
    for (long h : hashes) {
      set.add(h);
    }
    return set;
  }

  /** Whether the hashes cover only a sample of the collection. */
  private static boolean lowerBound(CapturedData d) {
    return d.summary() != null && d.summary().sampled() < d.summary().count();
  }
}
