package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code not_null}: the fraction of null or NaN elements, {@code (nulls + nans) / sampled} from the
 * agent's summary, at most {@code max_fraction} (default 0). A scalar counts as one element: 1 when
 * it is null (or a NaN double), else 0.
 */
final class NotNullTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "not_null";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "max_fraction")
        .required("variable", "the captured variable to check")
        .fraction("max_fraction")
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    double max = args.number("max_fraction", 0);
    CapturedData data = Variables.find(name(), ctx.run(), ctx.phase(), args.string("variable"));
    long bad;
    long seen;
    CapturedData.Summary s = data.summary();
    if (s != null) {
      bad = s.nulls() + s.nans();
      seen = s.sampled();
    } else {
      boolean isNull =
          "NULL".equals(data.kind()) || ("DOUBLE".equals(data.kind()) && "NaN".equals(data.text()));
      bad = isNull ? 1 : 0;
      seen = 1;
    }
    double fraction = seen == 0 ? 0 : (double) bad / seen;
    String message =
        "'"
            + data.name()
            + "': "
            + bad
            + " of "
            + seen
            + " sampled values null or NaN ("
            + Numbers.show(fraction)
            + "), allowed "
            + Numbers.show(max);
    return TriggerResult.of(fraction <= max, fraction, max, message);
  }
}
