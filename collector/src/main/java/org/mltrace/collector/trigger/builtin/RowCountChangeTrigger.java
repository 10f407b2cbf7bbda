package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code row_count_change}: the relative change of the variable's element count against the
 * previous run of this component that recorded it, {@code |count - previous| / previous}, at most
 * {@code max_change}. From 0 rows to some rows is an unbounded change: it fails with no value.
 */
final class RowCountChangeTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "row_count_change";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "variable", "max_change")
        .required("variable", "the captured collection whose element count to follow")
        .required("max_change", "the largest relative change allowed, e.g. 0.5 for +/-50%")
        .atLeast("max_change", 0)
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    double maxChange = args.number("max_change");
    String name = args.string("variable");
    CapturedData data = Variables.find(name(), ctx.run(), ctx.phase(), name);
    long count = Variables.count(name(), data);
    Reference.Resolved previous =
        Reference.previous().resolve(ctx, name(), name, Reference.Usable.summary());
    long before = previous.values().get(0).summary().count();
    String counts =
        "'" + name + "' has " + count + " elements, " + before + " in " + previous.description();
    if (before == 0) {
      return count == 0
          ? TriggerResult.pass(0.0, maxChange, counts + ": no change")
          : TriggerResult.fail(null, maxChange, counts + ": any change from 0 is unbounded");
    }
    double change = Math.abs(count - before) / (double) before;
    return TriggerResult.of(
        change <= maxChange,
        change,
        maxChange,
        counts + ": change " + Numbers.show(change) + ", allowed " + Numbers.show(maxChange));
  }
}
