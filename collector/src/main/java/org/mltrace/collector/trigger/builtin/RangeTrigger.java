package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code range}: every sampled value within {@code [min, max]} (either bound may be left out),
 * judged from the summary's min and max, or from the value itself for a number.
 *
 * <p>The result's value and threshold are the side that decided: on failure the offending extreme
 * and the bound it crossed (the lower side first); on a pass, the observed max and {@code max} when
 * a max is given, else the observed min and {@code min}.
 */
final class RangeTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "range";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    ArgCheck check =
        new ArgCheck(args, "variable", "min", "max")
            .required("variable", "the captured variable to check")
            .finite("min")
            .finite("max");
    if (!args.has("min") && !args.has("max")) {
      check.problem("range needs at least one of the arguments 'min' and 'max'");
    } else if (args.has("min") && args.has("max")) {
      try {
        if (args.number("min") > args.number("max")) {
          check.problem(
              "argument 'min' ("
                  + args.string("min")
                  + ") is greater than 'max' ("
                  + args.string("max")
                  + ")");
        }
      } catch (IllegalArgumentException e) {
        // not numbers: already reported by finite()
      }
    }
    return check.result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    Double lo = args.has("min") ? args.number("min") : null;
    Double hi = args.has("max") ? args.number("max") : null;
    if (lo == null && hi == null) {
      throw new IllegalArgumentException("needs at least one of the arguments 'min' and 'max'");
    }
    CapturedData data = Variables.find(name(), ctx.run(), ctx.phase(), args.string("variable"));
    double min;
    double max;
    if (data.summary() != null) {
      CapturedData.Summary s = data.summary();
      if (!"number".equals(s.elements()) || Double.isNaN(s.min()) || Double.isNaN(s.max())) {
        throw new MissingDataException(
            name()
                + ": the sample of '"
                + data.name()
                + "' holds no numbers to bound ("
                + s.sampled()
                + " sampled, elements: "
                + s.elements()
                + ")");
      }
      min = s.min();
      max = s.max();
    } else {
      min = Variables.number(name(), data);
      max = min;
    }
    String observed =
        "'"
            + data.name()
            + "' in ["
            + Numbers.show(min)
            + ", "
            + Numbers.show(max)
            + "], allowed ["
            + (lo == null ? "-inf" : Numbers.show(lo))
            + ", "
            + (hi == null ? "+inf" : Numbers.show(hi))
            + "]";
    if (lo != null && min < lo) {
      return TriggerResult.fail(min, lo, observed + ": min below " + Numbers.show(lo));
    }
    if (hi != null && max > hi) {
      return TriggerResult.fail(max, hi, observed + ": max above " + Numbers.show(hi));
    }
    return hi != null
        ? TriggerResult.pass(max, hi, observed)
        : TriggerResult.pass(min, lo, observed);
  }
}
