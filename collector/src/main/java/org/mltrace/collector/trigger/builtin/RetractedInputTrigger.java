package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.RetractedRead;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code retracted_input}: fails when the run, or any run upstream of it, read a pointer carrying a
 * label whose retraction (a deletion request) was recorded when the trigger ran: the run was built
 * from data that must be deleted. Value: how many such pointers; threshold 0. Alerts by default. No
 * arguments.
 */
final class RetractedInputTrigger extends BuiltinTrigger {

  @Override
  public String name() {
    return "retracted_input";
  }

  @Override
  public boolean alertsByDefault() {
    return true;
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    return new ArgCheck(args).result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) {
    List<RetractedRead> reads = ctx.retractedReads();
    if (reads.isEmpty()) {
      return TriggerResult.pass(0.0, 0.0, "reads no data carrying a retracted label");
    }
    RetractedRead first = reads.get(0);
    String message =
        "derives from "
            + first.pointer()
            + ", labelled '"
            + first.label()
            + "', whose retraction (a deletion request) was recorded at "
            + first.retractedAt()
            + (reads.size() == 1 ? "" : " (and " + (reads.size() - 1) + " more)");
    return TriggerResult.fail((double) reads.size(), 0.0, message);
  }
}
