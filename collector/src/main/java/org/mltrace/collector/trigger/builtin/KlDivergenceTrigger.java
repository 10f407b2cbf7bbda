package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code kl_divergence}: the Kullback-Leibler divergence of the run's histogram from the
 * reference's, {@code KL(current || reference) = sum_i a_i * ln(a_i / r_i)}, over {@code bins} bins
 * cut at the reference's quantiles ({@link Histogram}), an empty bin counted as {@code epsilon}
 * (default 1e-4). Direction: how badly the reference explains the current data, so mass appearing
 * where the reference had none weighs most. Fails above {@code threshold} (default 0.1).
 */
final class KlDivergenceTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "kl_divergence";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "reference", "threshold", "bins", "epsilon")
        .required("variable", "the captured variable whose distribution to compare")
        .problems(Reference.problems(args))
        .atLeast("threshold", 0)
        .wholeAtLeast("bins", 2)
        .above("epsilon", 0)
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    double threshold = ctx.args().number("threshold", 0.1);
    int bins = ctx.args().integer("bins", 10);
    double epsilon = ctx.args().number("epsilon", 1e-4);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("argument 'epsilon' must be a number > 0");
    }
    SamplePair pair = SamplePair.of(name(), ctx);
    double[] edges = Histogram.quantileEdges(pair.reference(), bins);
    double[] a = Histogram.proportions(Histogram.counts(pair.current(), edges), epsilon);
    double[] r = Histogram.proportions(Histogram.counts(pair.reference(), edges), epsilon);
    double kl = 0;
    for (int i = 0; i < a.length; i++) {
      kl += a[i] * Math.log(a[i] / r[i]);
    }
    String message =
        "KL "
            + Numbers.show(kl)
            + " of "
            + pair.compared()
            + " over "
            + a.length
            + " bins, "
            + (kl <= threshold ? "within " : "above ")
            + Numbers.show(threshold);
    return TriggerResult.of(kl <= threshold, kl, threshold, message);
  }
}
