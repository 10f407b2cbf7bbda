package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.TriggerArgs;

class RetractedInputTriggerTest {
  @Test
  void takesNoArgumentsAndAlertsByDefault() {
    assertEquals(List.of(), new RetractedInputTrigger().validate(TriggerArgs.of()));
    assertEquals(1, new RetractedInputTrigger().validate(TriggerArgs.of("variable", "x")).size());
    assertEquals(true, new RetractedInputTrigger().alertsByDefault());
  }
}
