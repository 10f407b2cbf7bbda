package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code ks}: the two-sample Kolmogorov-Smirnov statistic of the run's sample against the
 * reference's, {@code D = max_x |F_current(x) - F_reference(x)|} (empirical distribution
 * functions), between 0 (same) and 1 (disjoint). No binning. Fails above {@code threshold} (default
 * 0.1). The statistic, not a p-value: with samples of a thousand a p-value flags shifts too small
 * to matter, while D reads the same at any sample size.
 */
final class KsTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "ks";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "reference", "threshold")
        .required("variable", "the captured variable whose distribution to compare")
        .problems(Reference.problems(args))
        .fraction("threshold")
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    double threshold = ctx.args().number("threshold", 0.1);
    SamplePair pair = SamplePair.of(name(), ctx);
    double d = Samples.ksDistance(pair.current(), pair.reference());
    String message =
        "KS D "
            + Numbers.show(d)
            + " of "
            + pair.compared()
            + ", "
            + (d <= threshold ? "within " : "above ")
            + Numbers.show(threshold);
    return TriggerResult.of(d <= threshold, d, threshold, message);
  }
}
