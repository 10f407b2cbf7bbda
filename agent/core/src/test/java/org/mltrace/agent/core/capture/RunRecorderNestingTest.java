package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A run is the outermost call of a component on a thread. */
class RunRecorderNestingTest {
  private final MethodRegistry registry = new MethodRegistry();
  private final List<CompletedRun> runs = new ArrayList<>();
  private final RunRecorder recorder =
      new RunRecorder(registry, new ValueEncoder("agent1", new ObjectIds(), 256), runs::add);

  private final int override =
      registry.register(new MethodPlan("train", "com.acme.Sub#fit()V", "v1", List.of()));
  private final int superMethod =
      registry.register(new MethodPlan("train", "com.acme.Base#fit()V", "v1", List.of()));
  private final int other =
      registry.register(new MethodPlan("evaluate", "com.acme.Eval#run()V", "v1", List.of()));
  private final int shyConstructor =
      registry.register(new MethodPlan("train", "com.acme.Odd#<init>()V", "v1", List.of(), false));

  @Test
  void anOverrideCallingSuperIsOneRun() {
    Object outer = recorder.enter(override, null);
    assertNull(recorder.enter(superMethod, null), "super's entry belongs to the run in progress");
    recorder.exit(outer, null);
    assertEquals(1, runs.size());
    assertEquals("com.acme.Sub#fit()V", runs.get(0).plan().method());
  }

  @Test
  void recursionIsOneRun() {
    Object outer = recorder.enter(override, null);
    assertNull(recorder.enter(override, null));
    assertNull(recorder.enter(override, null));
    recorder.exit(outer, null);
    assertEquals(1, runs.size());
  }

  @Test
  void anotherComponentInsideIsItsOwnRun() {
    Object train = recorder.enter(override, null);
    Object evaluate = recorder.enter(other, null);
    assertNotNull(evaluate);
    recorder.exit(evaluate, null);
    recorder.exit(train, null);
    assertEquals(
        List.of("evaluate", "train"), runs.stream().map(r -> r.plan().component()).toList());
  }

  @Test
  void theComponentIsFreeAgainAfterANormalOrFailedExit() {
    recorder.exit(recorder.enter(override, null), null);
    recorder.fail(recorder.enter(override, null), new IllegalStateException());
    recorder.exit(recorder.enter(override, null), null);
    assertEquals(3, runs.size());
  }

  @Test
  void otherThreadsAreNotAffected() throws Exception {
    Object outer = recorder.enter(override, null);
    Object elsewhere = CompletableFuture.supplyAsync(() -> recorder.enter(override, null)).get();
    assertNotNull(elsewhere, "a run in progress on one thread does not swallow another thread's");
    recorder.exit(outer, null);
  }

  @Test
  void aMethodWhoseFailuresCannotBeSeenNeverClaimsTheComponent() {
    // Its exceptional exit is invisible, so a claim could never be released; it records its
    // own runs and does not hide later ones.
    Object odd = recorder.enter(shyConstructor, null);
    assertNotNull(odd);
    Object after = recorder.enter(override, null); // as if the constructor had thrown unseen
    assertNotNull(after);
    recorder.exit(after, null);
    assertEquals(1, runs.size());
  }
}
