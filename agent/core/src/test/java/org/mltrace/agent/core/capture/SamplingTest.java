package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.core.AgentHealth;

/** Per-component {@code sample:} and the circuit breaker, through the recorder's hooks. */
class SamplingTest {
  private final MethodRegistry registry = new MethodRegistry();
  private final List<CompletedRun> runs = new ArrayList<>();

  private RunRecorder recorder(CircuitBreaker breaker) {
    return new RunRecorder(
        registry, new ValueEncoder("agent1", new ObjectIds(), 256), runs::add, breaker);
  }

  private int method(ComponentSampler sampler) {
    return registry.register(
        new MethodPlan(
            sampler.component(),
            "com.acme.S#score(I)I",
            "v1",
            List.of(new PlannedVariable("x", true, true, 0)),
            true,
            sampler));
  }

  private void call(RunRecorder recorder, int id, int times) {
    for (int i = 0; i < times; i++) {
      Object token = recorder.enter(id, new Object[] {i});
      recorder.exit(token, new Object[0]);
    }
  }

  @Test
  void aFractionRecordsSomeCallsAndCountsEveryOtherOneExactly() {
    ComponentSampler sampler = new ComponentSampler("score", SampleSpec.fraction(0.1));
    call(recorder(CircuitBreaker.never()), method(sampler), 10_000);
    assertEquals(10_000, runs.size() + sampler.unrecordedTotal(), "every call is a run or counted");
    assertTrue(runs.size() > 0 && sampler.unrecordedTotal() > 0, runs.size() + " recorded");
  }

  @Test
  void withoutSampleEveryCallIsRecorded() {
    ComponentSampler sampler = ComponentSampler.everyCall("score");
    call(recorder(CircuitBreaker.never()), method(sampler), 1_000);
    assertEquals(1_000, runs.size());
    assertEquals(0, sampler.unrecordedTotal());
  }

  @Test
  void aRateRecordsAtMostItsBudgetPerSecond() {
    ComponentSampler sampler = new ComponentSampler("score", SampleSpec.maxPerSecond(5));
    call(recorder(CircuitBreaker.never()), method(sampler), 1_000);
    // A loop this short may cross into a second second, never a third: 5 or 10 recorded.
    assertTrue(runs.size() >= 5 && runs.size() <= 10, runs.size() + " recorded");
    assertEquals(1_000, runs.size() + sampler.unrecordedTotal());
  }

  @Test
  void anUnrecordedCallStillClaimsItsComponentSoANestedCallIsNotARun() {
    ComponentSampler sampler = new ComponentSampler("fact", SampleSpec.fraction(Double.MIN_VALUE));
    RunRecorder recorder = recorder(CircuitBreaker.never());
    int id = method(sampler);
    Object outer = recorder.enter(id, new Object[] {3});
    assertTrue(outer instanceof ComponentSampler.Skip, String.valueOf(outer));
    assertNull(recorder.enter(id, new Object[] {2}), "part of the unrecorded outer call");
    recorder.exit(outer, new Object[0]);
    assertEquals(0, runs.size());
    assertEquals(1, sampler.unrecordedTotal(), "one outermost call, counted once");

    ComponentSampler all = ComponentSampler.everyCall("other");
    int other = method(all);
    Object token = recorder.enter(other, new Object[] {1});
    recorder.exit(token, new Object[0]);
    assertEquals(1, runs.size(), "the claim was released at exit");
  }

  @Test
  void pendingCountsAreCarriedOnceEach() {
    ComponentSampler sampler = new ComponentSampler("score", SampleSpec.fraction(Double.MIN_VALUE));
    call(recorder(CircuitBreaker.never()), method(sampler), 7);
    assertEquals(7, sampler.pendingUnrecorded());
    sampler.markCarried(7);
    assertEquals(0, sampler.pendingUnrecorded());
    call(recorder(CircuitBreaker.never()), method(sampler), 2);
    assertEquals(2, sampler.pendingUnrecorded());
    assertEquals(9, sampler.unrecordedTotal());
  }

  @Test
  void theBreakerOpensAtThreeQuartersOfTheBufferAndClosesAtAnEighth() {
    CircuitBreaker breaker = new CircuitBreaker(64);
    long opened = AgentHealth.BREAKER_OPENED.total();
    breaker.observe(47);
    assertFalse(breaker.isOpen());
    breaker.observe(48);
    assertTrue(breaker.isOpen());
    assertEquals(opened + 1, AgentHealth.BREAKER_OPENED.total());
    breaker.observe(9);
    assertTrue(breaker.isOpen(), "stays open until the writer has caught up");
    breaker.observe(8);
    assertFalse(breaker.isOpen());
  }

  @Test
  void aHeldBreakerStaysOpenWhateverTheFillUntilReleasedAndDrained() {
    CircuitBreaker breaker = new CircuitBreaker(64);
    long opened = AgentHealth.BREAKER_OPENED.total();
    breaker.hold(true);
    assertTrue(breaker.isOpen(), "held open with an empty buffer");
    assertEquals(opened + 1, AgentHealth.BREAKER_OPENED.total());
    breaker.observe(0);
    assertTrue(breaker.isOpen(), "a drained buffer does not close a held breaker");
    breaker.hold(true);
    assertEquals(opened + 1, AgentHealth.BREAKER_OPENED.total(), "holding again opens nothing");
    breaker.hold(false);
    assertTrue(breaker.isOpen(), "released, it closes when the writer next finds the buffer low");
    breaker.observe(9);
    assertTrue(breaker.isOpen());
    breaker.observe(8);
    assertFalse(breaker.isOpen());
  }

  @Test
  void onceTheBufferTurnsARunAwayNoCallIsRecordedUntilItIsBelowHighWater() {
    CircuitBreaker breaker = new CircuitBreaker(64);
    ComponentSampler sampler = ComponentSampler.everyCall("score");
    RunRecorder recorder = recorder(breaker);
    int id = method(sampler);
    breaker.bufferFull();
    assertTrue(breaker.isOpen() && breaker.isFull());
    call(recorder, id, 1_000);
    assertEquals(0, runs.size(), "each would only have been dropped");
    assertEquals(1_000, sampler.unrecordedTotal(), "counted instead");

    breaker.observe(48);
    assertTrue(breaker.isFull(), "at the high-water mark, still full");
    breaker.observe(47);
    assertTrue(breaker.isOpen() && !breaker.isFull(), "below it, one call in 16 again");
    call(recorder, id, 16_000);
    assertTrue(runs.size() > 0 && runs.size() < 4_000, runs.size() + " recorded");
    assertEquals(17_000, runs.size() + sampler.unrecordedTotal());

    CircuitBreaker never = CircuitBreaker.never();
    never.bufferFull();
    never.hold(true);
    assertFalse(never.isOpen(), "a breaker for recorders without a queue never opens");
  }

  @Test
  void whileTheBreakerIsOpenFewerCallsAreRecordedAndTheRestCountedNotDropped() {
    CircuitBreaker breaker = new CircuitBreaker(64);
    breaker.observe(breaker.highWater()); // open, below the stop mark
    ComponentSampler sampler = ComponentSampler.everyCall("score");
    RunRecorder recorder = recorder(breaker);
    int id = method(sampler);
    call(recorder, id, 16_000);
    assertEquals(16_000, runs.size() + sampler.unrecordedTotal());
    assertTrue(runs.size() > 0 && runs.size() < 4_000, runs.size() + " recorded, about one in 16");

    breaker.observe(0);
    runs.clear();
    call(recorder, id, 100);
    assertEquals(100, runs.size(), "recovered once drained");
  }

  @Test
  void samplersAreSharedByTheComponentsMethods() {
    Samplers samplers = new Samplers();
    samplers.declare("score", SampleSpec.fraction(0.5));
    assertSame(samplers.of("score"), samplers.of("score"));
    assertEquals(1, samplers.all().size());
    samplers.of("undeclared");
    assertEquals(2, samplers.all().size());
  }
}
