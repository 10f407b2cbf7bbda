package org.mltrace.collector.trigger.builtin;

import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerContext;

/**
 * The run's sample of {@code variable} and its reference's (pooled over runs for {@code last:N}),
 * NaNs dropped: what the distribution-shape triggers (psi, kl_divergence, ks) compare.
 *
 * @param current the run's sampled numbers
 * @param reference the reference's sampled numbers
 * @param variable the variable's name
 * @param referenceDescription for messages: {@code previous run R}, {@code last 5 runs}
 */
record SamplePair(
    double[] current, double[] reference, String variable, String referenceDescription) {

  static SamplePair of(String trigger, TriggerContext ctx) throws MissingDataException {
    String name = ctx.args().string("variable");
    Reference reference = Reference.parse(ctx.args());
    CapturedData data = Variables.find(trigger, ctx.run(), ctx.phase(), name);
    double[] current = Variables.sample(trigger, data);
    Reference.Resolved resolved = reference.resolve(ctx, trigger, name, Reference.Usable.sample());
    double[] pooled = Samples.pooled(resolved.values());
    if (pooled.length == 0) {
      throw new MissingDataException(
          trigger
              + ": the sample of the reference ("
              + resolved.description()
              + ") holds no"
              + " numbers");
    }
    return new SamplePair(current, pooled, name, resolved.description());
  }

  /** {@code 'fares' (1000 sampled) vs previous run R (980 sampled)}. */
  String compared() {
    return "'"
        + variable
        + "' ("
        + current.length
        + " sampled) vs "
        + referenceDescription
        + " ("
        + reference.length
        + " sampled)";
  }
}
