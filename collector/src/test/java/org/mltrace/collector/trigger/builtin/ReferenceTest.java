package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mltrace.collector.trigger.builtin.Runs.sampled;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.TriggerArgs;

class ReferenceTest {
  private static final Reference.Usable SAMPLE = Reference.Usable.sample();

  private static Reference parse(String... args) {
    return Reference.parse(TriggerArgs.of(args));
  }

  @Test
  void beforeRunReadsTheInputsOfEarlierRuns() throws Exception {
    // r1 has 'fares' only as an output: a before_run reference looks at inputs, so r0 is used.
    var ctx =
        FakeContext.before(Runs.withInputs("r2", sampled("fares", 1)), "reference", "previous")
            .history(
                Runs.withOutputs("r1", sampled("fares", 5)),
                Runs.withInputs("r0", sampled("fares", 7)));
    var resolved = parse("reference", "previous").resolve(ctx, "psi", "fares", SAMPLE);
    assertEquals(List.of("r0"), resolved.runIds());
    assertEquals("previous run r0", resolved.description());
  }

  @Test
  void lastNSaysWhenFewerRunsHadTheVariable() throws Exception {
    var ctx =
        FakeContext.after(Runs.withOutputs("r3", sampled("fares", 1)))
            .history(
                Runs.withOutputs("r2", sampled("fares", 2)),
                Runs.withOutputs("r1", Runs.summarized("fares", Runs.numbers(1, 0, 0, 1, 1, 1, 0))),
                Runs.withOutputs("r0", sampled("fares", 3)));
    var resolved = parse("reference", "last:3").resolve(ctx, "ks", "fares", SAMPLE);
    assertEquals(List.of("r2", "r0"), resolved.runIds());
    assertEquals("last 2 runs (3 asked; only 2 had it)", resolved.description());
  }

  @Test
  void anotherComponentDefaultsToTheSameVariableName() throws Exception {
    var train = Runs.run("t1", "train", List.of(), List.of(sampled("fares", 4)));
    var ctx = FakeContext.after(Runs.withOutputs("r1", sampled("fares", 1))).other(train);
    var resolved = parse("reference.component", "train").resolve(ctx, "psi", "fares", SAMPLE);
    assertEquals(List.of("t1"), resolved.runIds());
    assertEquals("train run t1 'fares'", resolved.description());
  }

  @Test
  void anotherComponentWithoutRunsOrWithoutTheVariable() {
    var ctx = FakeContext.after(Runs.withOutputs("r1", sampled("fares", 1)));
    var none =
        assertThrows(
            NoReferenceYetException.class,
            () -> parse("reference.component", "train").resolve(ctx, "psi", "fares", SAMPLE));
    assertEquals(
        "psi: component train has no run before this one to compare with (reference {component:"
            + " train})",
        none.getMessage());
    var other = Runs.run("t1", "train", List.of(), List.of(sampled("features", 1)));
    ctx.other(other);
    var lacking =
        assertThrows(
            MissingDataException.class,
            () -> parse("reference.component", "train").resolve(ctx, "psi", "fares", SAMPLE));
    assertEquals("psi: the reference run t1 of train has no 'fares'", lacking.getMessage());
  }

  @Test
  void labelsAsWritten() {
    assertEquals("previous", parse("reference", " previous ").label());
    assertEquals("last:5", parse("reference", "last: 5").label());
    assertEquals("run:abc", parse("reference", "run:abc").label());
    assertEquals(
        "{component: train, variable: x}",
        parse("reference.component", "train", "reference.variable", "x").label());
  }

  @Test
  void malformedForms() {
    assertEquals(
        List.of(
            "argument 'reference' as a mapping needs 'component' (the component whose latest run"
                + " is the reference), e.g. {component: train, variable: fares}"),
        Reference.problems(TriggerArgs.of("reference.variable", "x")));
    assertEquals(
        List.of(
            "argument 'reference' must be previous, last:N, run:RUN_ID or {component: NAME,"
                + " variable: NAME}, not 'run:'"),
        Reference.problems(TriggerArgs.of("reference", "run:")));
    assertEquals(
        List.of("argument 'reference' is 'last:x'; last:N needs a whole number N >= 1"),
        Reference.problems(TriggerArgs.of("reference", "last:x")));
  }
}
