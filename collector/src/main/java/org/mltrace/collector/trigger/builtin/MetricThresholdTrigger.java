package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code metric_threshold}: a captured number compared with a bound, {@code accuracy >= 0.9}. The
 * SLA kind of check, so a failure alerts unless the declaration says {@code alert: false}. {@code
 * ==} is exact comparison of the two doubles (both parsed from decimal text, so {@code 0.9 == 0.9}
 * holds).
 */
final class MetricThresholdTrigger extends BuiltinTrigger {
  static final String[] OPS = {">=", ">", "<=", "<", "=="};

  @Override
  public String name() {
    return "metric_threshold";
  }

  @Override
  public boolean alertsByDefault() {
    return true;
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "op", "value")
        .required("variable", "the captured metric to compare")
        .required("op", "the comparison: one of " + String.join(", ", OPS))
        .oneOf("op", OPS)
        .required("value", "the bound to compare with")
        .finite("value")
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    String op = args.string("op").trim();
    double bound = args.number("value");
    CapturedData data = Variables.find(name(), ctx.run(), ctx.phase(), args.string("variable"));
    double metric = Variables.number(name(), data);
    boolean holds =
        switch (op) {
          case ">=" -> metric >= bound;
          case ">" -> metric > bound;
          case "<=" -> metric <= bound;
          case "<" -> metric < bound;
          case "==" -> metric == bound;
          default ->
              throw new IllegalArgumentException(
                  "argument 'op' must be one of " + String.join(", ", OPS) + ", not '" + op + "'");
        };
    String message =
        data.name()
            + " = "
            + Numbers.show(metric)
            + (holds ? " satisfies " : " violates ")
            + data.name()
            + " "
            + op
            + " "
            + Numbers.show(bound);
    return TriggerResult.of(holds, metric, bound, message);
  }
}
