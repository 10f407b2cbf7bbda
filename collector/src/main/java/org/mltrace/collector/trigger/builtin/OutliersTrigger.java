package org.mltrace.collector.trigger.builtin;

import java.util.Arrays;
import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code outliers}: the fraction of the run's sampled numbers that are outliers within that same
 * sample, at most {@code max_fraction} (default 0.01). Two rules:
 *
 * <ul>
 *   <li>{@code zscore} (default): {@code |x - mean| / stddev > z} (default 3), mean and population
 *       standard deviation of the sample; a constant sample has none;
 *   <li>{@code iqr}: {@code x < Q1 - k * IQR} or {@code x > Q3 + k * IQR} (k default 1.5), Q1 and
 *       Q3 the quartiles by linear interpolation ({@link Samples#quantile}). Robust where the
 *       outliers themselves inflate the standard deviation (a z-score over n values can never
 *       exceed sqrt(n - 1)).
 * </ul>
 */
final class OutliersTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "outliers";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "method", "z", "k", "max_fraction")
        .required("variable", "the captured numeric collection to check")
        .oneOf("method", "zscore", "iqr")
        .above("z", 0)
        .atLeast("k", 0)
        .fraction("max_fraction")
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    String method = args.optional("method").map(String::trim).orElse("zscore");
    double maxFraction = args.number("max_fraction", 0.01);
    CapturedData data = Variables.find(name(), ctx.run(), ctx.phase(), args.string("variable"));
    double[] x = Variables.sample(name(), data);
    long outliers;
    String rule;
    switch (method) {
      case "zscore" -> {
        double z = args.number("z", 3);
        double mean = Samples.mean(x);
        double sd = Samples.stddev(x, mean);
        outliers = sd == 0 ? 0 : Arrays.stream(x).filter(v -> Math.abs(v - mean) / sd > z).count();
        rule =
            "|z| > "
                + Numbers.show(z)
                + " (mean "
                + Numbers.show(mean)
                + ", stddev "
                + Numbers.show(sd)
                + ")";
      }
      case "iqr" -> {
        double k = args.number("k", 1.5);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double q1 = Samples.quantile(sorted, 0.25);
        double q3 = Samples.quantile(sorted, 0.75);
        double lo = q1 - k * (q3 - q1);
        double hi = q3 + k * (q3 - q1);
        outliers = Arrays.stream(x).filter(v -> v < lo || v > hi).count();
        rule =
            "outside ["
                + Numbers.show(lo)
                + ", "
                + Numbers.show(hi)
                + "] (Q1 "
                + Numbers.show(q1)
                + ", Q3 "
                + Numbers.show(q3)
                + ", k "
                + Numbers.show(k)
                + ")";
      }
      default ->
          throw new IllegalArgumentException(
              "argument 'method' must be one of zscore, iqr, not '" + method + "'");
    }
    double fraction = (double) outliers / x.length;
    String message =
        outliers
            + " of "
            + x.length
            + " sampled '"
            + data.name()
            + "' "
            + rule
            + ": "
            + Numbers.show(fraction)
            + ", allowed "
            + Numbers.show(maxFraction);
    return TriggerResult.of(fraction <= maxFraction, fraction, maxFraction, message);
  }
}
