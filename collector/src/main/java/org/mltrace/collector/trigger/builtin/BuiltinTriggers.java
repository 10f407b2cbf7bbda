package org.mltrace.collector.trigger.builtin;

import java.util.List;
import org.mltrace.collector.trigger.Trigger;

/** The built-in library, for the engine's registry. */
public final class BuiltinTriggers {
  private BuiltinTriggers() {}

  /** One instance of each built-in trigger; each is stateless and serves every declaration. */
  public static List<Trigger> all() {
    return List.of(
        new NotNullTrigger(),
        new RangeTrigger(),
        new SchemaTrigger(),
        new OutliersTrigger(),
        new RowCountChangeTrigger(),
        new PsiTrigger(),
        new KlDivergenceTrigger(),
        new KsTrigger(),
        new MeanShiftTrigger(),
        new TrainTestLeakageTrigger(),
        new OverfittingTrigger(),
        new MetricThresholdTrigger(),
        new RetractedInputTrigger());
  }
}
