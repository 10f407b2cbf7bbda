package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code overfitting}: the gap between a training metric and its validation counterpart, {@code
 * train - validation}, at most {@code max_gap} (default 0.05). {@code train} and {@code validation}
 * name captured numbers of this run, for a metric where higher is better (accuracy, AUC). For a
 * loss, where lower is better, name the validation loss as {@code train} and the training loss as
 * {@code validation}: the gap is then {@code valLoss - trainLoss}.
 */
final class OverfittingTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "overfitting";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args, "train", "validation", "max_gap")
        .required("train", "the captured training metric, e.g. trainAccuracy")
        .required("validation", "the captured validation metric, e.g. valAccuracy")
        .finite("max_gap")
        .result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    double maxGap = args.number("max_gap", 0.05);
    CapturedData train = Variables.find(name(), ctx.run(), ctx.phase(), args.string("train"));
    CapturedData validation =
        Variables.find(name(), ctx.run(), ctx.phase(), args.string("validation"));
    double t = Variables.number(name(), train);
    double v = Variables.number(name(), validation);
    double gap = t - v;
    String message =
        train.name()
            + " "
            + Numbers.show(t)
            + " - "
            + validation.name()
            + " "
            + Numbers.show(v)
            + " = "
            + Numbers.show(gap)
            + ", allowed "
            + Numbers.show(maxGap);
    return TriggerResult.of(gap <= maxGap, gap, maxGap, message);
  }
}
