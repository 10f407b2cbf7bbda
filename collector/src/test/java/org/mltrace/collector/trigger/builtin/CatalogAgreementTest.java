package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.TriggerCatalog;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.Trigger;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * The agent checks declarations against {@link TriggerCatalog}; the collector evaluates them with
 * these classes. A trigger that rejected an argument the catalog accepts (or the reverse) would
 * turn a config the agent approved into errors at every run.
 */
class CatalogAgreementTest {
  private final Map<String, Trigger> builtins =
      BuiltinTriggers.all().stream().collect(Collectors.toMap(Trigger::name, Function.identity()));

  @Test
  void sameNamesAndAlertDefaults() {
    assertEquals(
        TriggerCatalog.names().stream().sorted().toList(),
        builtins.keySet().stream().sorted().toList());
    for (TriggerCatalog.Entry e : TriggerCatalog.entries()) {
      assertEquals(e.alertsByDefault(), builtins.get(e.name()).alertsByDefault(), e.name());
    }
  }

  @Test
  void everyCatalogArgumentIsKnown() {
    for (TriggerCatalog.Entry e : TriggerCatalog.entries()) {
      Trigger t = builtins.get(e.name());
      for (String arg : e.argumentNames()) {
        List<String> problems = t.validate(TriggerArgs.of(arg, "1"));
        assertFalse(
            problems.stream().anyMatch(p -> p.startsWith("unknown argument '" + arg + "'")),
            e.name() + " rejects the catalog's argument " + arg + ": " + problems);
      }
      List<String> unknown = t.validate(TriggerArgs.of("no_such_argument", "1"));
      assertTrue(
          unknown.stream().anyMatch(p -> p.startsWith("unknown argument 'no_such_argument'")),
          e.name() + ": " + unknown);
    }
  }

  @Test
  void everyRequiredArgumentIsRequired() {
    for (TriggerCatalog.Entry e : TriggerCatalog.entries()) {
      Trigger t = builtins.get(e.name());
      assertNotNull(t, e.name());
      List<String> problems = t.validate(TriggerArgs.of());
      for (String arg : e.required()) {
        assertTrue(
            problems.stream().anyMatch(p -> p.contains("'" + arg + "'")),
            e.name() + " does not require " + arg + ": " + problems);
      }
    }
  }

  @Test
  void catalogDefaultsAreTheTriggersDefaults() throws Exception {
    // Giving the catalog's default explicitly must be judged exactly as leaving it out: same
    // status, value, threshold and message (which names z, k and the number of bins).
    for (TriggerCatalog.Entry e : TriggerCatalog.entries()) {
      Trigger t = builtins.get(e.name());
      for (Map.Entry<String, String> d : e.optional().entrySet()) {
        if (d.getValue() == null) {
          continue;
        }
        List<String> base = new ArrayList<>(REQUIRED_VALUES.get(e.name()));
        if (d.getKey().equals("k")) {
          base.addAll(List.of("method", "iqr")); // k only matters for the iqr method
        }
        List<String> explicit = new ArrayList<>(base);
        explicit.addAll(List.of(d.getKey(), d.getValue()));
        TriggerResult implicit = t.evaluate(context(base));
        TriggerResult given = t.evaluate(context(explicit));
        assertNotEquals(TriggerResult.Status.ERROR, implicit.status(), implicit.message());
        assertEquals(implicit, given, e.name() + "." + d.getKey() + " default " + d.getValue());
      }
    }
  }

  /** Values for each trigger's required arguments, naming the variables of {@link #context}. */
  private static final Map<String, List<String>> REQUIRED_VALUES =
      Map.ofEntries(
          Map.entry("not_null", List.of("variable", "x")),
          Map.entry("range", List.of("variable", "x", "max", "100")),
          Map.entry("schema", List.of("variable", "x", "min_size", "1")),
          Map.entry("outliers", List.of("variable", "x")),
          Map.entry("row_count_change", List.of("variable", "x", "max_change", "0.5")),
          Map.entry("psi", List.of("variable", "x", "reference", "previous")),
          Map.entry("kl_divergence", List.of("variable", "x", "reference", "previous")),
          Map.entry("ks", List.of("variable", "x", "reference", "previous")),
          Map.entry("mean_shift", List.of("variable", "x", "reference", "previous")),
          Map.entry("train_test_leakage", List.of("variable", "x", "other", "y")),
          Map.entry("overfitting", List.of("train", "t", "validation", "v")),
          Map.entry("metric_threshold", List.of("variable", "t", "op", ">", "value", "0")));

  /**
   * A run whose x is {1..19, 100} (an outlier for every method), against a previous run whose x is
   * {11..30}, so that the current histogram has empty bins (epsilon matters) in 10 bins.
   */
  private static FakeContext context(List<String> args) {
    double[] current = new double[20];
    double[] previous = new double[20];
    for (int i = 0; i < 20; i++) {
      current[i] = i + 1;
      previous[i] = i + 11;
    }
    current[19] = 100;
    CapturedData x = Runs.sampled("x", current);
    x =
        new CapturedData(
            "x",
            x.kind(),
            x.text(),
            x.pointerId(),
            x.size(),
            x.summary(),
            x.sample(),
            new long[] {1, 2, 3});
    var run =
        Runs.withOutputs(
            "r2", x, Runs.hashed("y", 3, 4), Runs.number("t", 0.9), Runs.number("v", 0.86));
    return FakeContext.after(run, args.toArray(String[]::new))
        .history(Runs.withOutputs("r1", Runs.sampled("x", previous)));
  }
}
