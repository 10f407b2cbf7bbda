package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerCatalogTest {

  @Test
  void listsExactlyTheContractsTriggersInOrder() {
    assertEquals(
        List.of(
            "not_null",
            "range",
            "schema",
            "outliers",
            "row_count_change",
            "psi",
            "kl_divergence",
            "ks",
            "mean_shift",
            "train_test_leakage",
            "overfitting",
            "metric_threshold",
            "retracted_input"),
        TriggerCatalog.names());
    assertNull(TriggerCatalog.find("nope"));
  }

  @Test
  void samplesAndHashesAreAskedForOnlyByTheTriggersThatUseThem() {
    for (TriggerCatalog.Entry e : TriggerCatalog.entries()) {
      boolean sample = List.of("outliers", "psi", "kl_divergence", "ks").contains(e.name());
      assertEquals(sample, !e.sampleArgs().isEmpty(), e.name());
      assertEquals(e.name().equals("train_test_leakage"), !e.hashArgs().isEmpty(), e.name());
      assertEquals(
          List.of("metric_threshold", "retracted_input").contains(e.name()),
          e.alertsByDefault(),
          e.name());
    }
    assertEquals(
        List.of("variable", "other"), TriggerCatalog.find("train_test_leakage").hashArgs());
    assertEquals(List.of("train", "validation"), TriggerCatalog.find("overfitting").variableArgs());
  }

  @Test
  void defaultsAreTheContracts() {
    assertEquals("0", TriggerCatalog.find("not_null").optional().get("max_fraction"));
    assertEquals(
        Map.of("method", "zscore", "z", "3", "k", "1.5", "max_fraction", "0.01"),
        TriggerCatalog.find("outliers").optional());
    assertEquals(
        Map.of("threshold", "0.1", "bins", "10", "epsilon", "1e-4"),
        TriggerCatalog.find("kl_divergence").optional());
    assertEquals("0.05", TriggerCatalog.find("overfitting").optional().get("max_gap"));
  }

  @Test
  void acceptsAWellFormedDeclaration() {
    assertEquals(
        List.of(),
        TriggerCatalog.find("psi").problems(Map.of("variable", "fares", "reference", "last:5")));
    assertEquals(
        List.of(),
        TriggerCatalog.find("psi")
            .problems(
                Map.of(
                    "variable",
                    "fares",
                    "reference.component",
                    "train",
                    "reference.variable",
                    "x",
                    "bins",
                    "20")));
    assertEquals(
        List.of(),
        TriggerCatalog.find("metric_threshold")
            .problems(Map.of("variable", "acc", "op", ">=", "value", "0.9")));
  }

  @Test
  void namesEachProblem() {
    assertEquals(
        List.of(
            "unknown argument 'treshold' for trigger 'psi'; expected [variable, reference, threshold, bins]",
            "trigger 'psi' needs 'reference:' (previous, last:N, run:RUN_ID or {component: C, variable: V})"),
        TriggerCatalog.find("psi").problems(Map.of("variable", "x", "treshold", "0.3")));
    assertEquals(
        List.of("trigger 'range' needs at least one of [min, max]"),
        TriggerCatalog.find("range").problems(Map.of("variable", "x")));
    assertEquals(
        List.of("'value' of trigger 'metric_threshold' must be a number, not 'high'"),
        TriggerCatalog.find("metric_threshold")
            .problems(Map.of("variable", "a", "op", ">=", "value", "high")));
    assertEquals(
        List.of("'op' of trigger 'metric_threshold' must be one of [>=, >, <=, <, ==], not '=>'"),
        TriggerCatalog.find("metric_threshold")
            .problems(Map.of("variable", "a", "op", "=>", "value", "1")));
    assertEquals(
        List.of(
            "'reference' of trigger 'ks' needs a positive whole number N in last:N, not 'last:0'"),
        TriggerCatalog.find("ks").problems(Map.of("variable", "a", "reference", "last:0")));
  }

  @Test
  void onlyAReferenceMayBeAMapping() {
    TriggerCatalog.Entry psi = TriggerCatalog.find("psi");
    assertTrue(psi.accepts("reference.component"));
    assertFalse(psi.accepts("reference.other"));
    assertFalse(psi.accepts("variable.x"));
    assertFalse(TriggerCatalog.find("not_null").accepts("reference.component"));
  }
}
