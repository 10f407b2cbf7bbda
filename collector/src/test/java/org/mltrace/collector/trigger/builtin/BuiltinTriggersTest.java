package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.Trigger;

class BuiltinTriggersTest {

  @Test
  void oneOfEachNamedAsTheCatalog() {
    List<String> names = BuiltinTriggers.all().stream().map(Trigger::name).sorted().toList();
    assertEquals(
        List.of(
            "kl_divergence",
            "ks",
            "mean_shift",
            "metric_threshold",
            "not_null",
            "outliers",
            "overfitting",
            "psi",
            "range",
            "retracted_input",
            "row_count_change",
            "schema",
            "train_test_leakage"),
        names);
  }

  @Test
  void onlyMetricThresholdAndRetractedInputAlertByDefault() {
    List<String> alerting =
        BuiltinTriggers.all().stream().filter(Trigger::alertsByDefault).map(Trigger::name).toList();
    assertEquals(List.of("metric_threshold", "retracted_input"), alerting);
  }
}
