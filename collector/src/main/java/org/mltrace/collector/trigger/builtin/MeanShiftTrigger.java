package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code mean_shift}: how far the run's mean moved, in reference standard deviations, {@code |mean
 * - refMean| / refStddev}, from the agent's summaries (no sample needed). For {@code last:N} the
 * reference mean and standard deviation are those of the N runs' sampled numbers taken together,
 * combined from the summaries weighted by each run's count of numbers ({@code sampled - nulls -
 * nans}): {@code M = sum n_i m_i / sum n_i}, {@code S^2 = sum n_i (s_i^2 + m_i^2) / sum n_i - M^2}.
 * A constant reference (stddev 0) makes any move unbounded: it fails with no value. Fails above
 * {@code threshold} (default 1.0).
 */
final class MeanShiftTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "mean_shift";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "reference", "threshold")
        .required("variable", "the captured numeric collection whose mean to follow")
        .problems(Reference.problems(args))
        .atLeast("threshold", 0)
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    double threshold = ctx.args().number("threshold", 1.0);
    String name = ctx.args().string("variable");
    Reference reference = Reference.parse(ctx.args());
    CapturedData data = Variables.find(name(), ctx.run(), ctx.phase(), name);
    double mean = numericSummary(data, "the run").mean();
    Reference.Resolved resolved = reference.resolve(ctx, name(), name, Reference.Usable.summary());
    double weight = 0;
    double sum = 0;
    double sumSquares = 0;
    for (CapturedData ref : resolved.values()) {
      CapturedData.Summary s = numericSummary(ref, resolved.description());
      double n = s.sampled() - s.nulls() - s.nans();
      weight += n;
      sum += n * s.mean();
      sumSquares += n * (s.stddev() * s.stddev() + s.mean() * s.mean());
    }
    double refMean = sum / weight;
    double refStddev = Math.sqrt(Math.max(0, sumSquares / weight - refMean * refMean));
    String compared =
        "mean of '"
            + name
            + "' "
            + Numbers.show(mean)
            + " vs "
            + Numbers.show(refMean)
            + " (stddev "
            + Numbers.show(refStddev)
            + ") in "
            + resolved.description();
    if (refStddev == 0) {
      return mean == refMean
          ? TriggerResult.pass(0.0, threshold, compared + ": no shift")
          : TriggerResult.fail(
              null, threshold, compared + ": any shift from a constant is" + " unbounded");
    }
    double shift = Math.abs(mean - refMean) / refStddev;
    return TriggerResult.of(
        shift <= threshold,
        shift,
        threshold,
        compared
            + ": shift "
            + Numbers.show(shift)
            + " stddevs, allowed "
            + Numbers.show(threshold));
  }

  private CapturedData.Summary numericSummary(CapturedData data, String where)
      throws MissingDataException {
    CapturedData.Summary s = Variables.summary(name(), data);
    if (!"number".equals(s.elements()) || Double.isNaN(s.mean())) {
      throw new MissingDataException(
          name()
              + ": '"
              + data.name()
              + "' in "
              + where
              + " holds no numbers (elements: "
              + s.elements()
              + ", "
              + s.sampled()
              + " sampled)");
    }
    return s;
  }
}
