package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code psi}: the population stability index of the run's sample against the reference's, {@code
 * PSI = sum_i (a_i - r_i) * ln(a_i / r_i)} over {@code bins} bins cut at the reference's quantiles
 * ({@link Histogram}), {@code a_i} and {@code r_i} the current and reference shares of bin i, an
 * empty bin counted as {@link #EPSILON}. Fails above {@code threshold} (default 0.2, the usual
 * "significant shift"; below 0.1 is usually read as stable).
 */
final class PsiTrigger extends BuiltinTrigger {
  /** The share an empty bin counts as; fixed for PSI (kl_divergence takes it as an argument). */
  static final double EPSILON = 1e-4;

  @Override
  public String name() {
    return "psi";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "reference", "threshold", "bins")
        .required("variable", "the captured variable whose distribution to compare")
        .problems(Reference.problems(args))
        .atLeast("threshold", 0)
        .wholeAtLeast("bins", 2)
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    double threshold = ctx.args().number("threshold", 0.2);
    int bins = ctx.args().integer("bins", 10);
    SamplePair pair = SamplePair.of(name(), ctx);
    double[] edges = Histogram.quantileEdges(pair.reference(), bins);
    double[] a = Histogram.proportions(Histogram.counts(pair.current(), edges), EPSILON);
    double[] r = Histogram.proportions(Histogram.counts(pair.reference(), edges), EPSILON);
    double psi = 0;
    for (int i = 0; i < a.length; i++) {
      psi += (a[i] - r[i]) * Math.log(a[i] / r[i]);
    }
    String message =
        "PSI "
            + Numbers.show(psi)
            + " of "
            + pair.compared()
            + " over "
            + a.length
            + " bins, "
            + (psi <= threshold ? "within " : "above ")
            + Numbers.show(threshold);
    return TriggerResult.of(psi <= threshold, psi, threshold, message);
  }
}
