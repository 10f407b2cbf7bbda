package org.mltrace.agent.core.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.bootstrap.CaptureHooks;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;

/**
 * The hooks behind the bridge: turns enter/exit/fail calls into {@link CompletedRun}s.
 *
 * <p>Inputs read at entry are encoded at entry, because the application may mutate or replace them
 * before the method returns. Nothing here blocks: the finished run is handed to a sink that only
 * enqueues.
 *
 * <p>A run is the outermost call of a component on a thread: while one is in progress, further
 * entries into the same component on that thread (an override calling {@code super}, two configured
 * overloads calling each other, recursion) belong to it and record nothing of their own. Methods
 * whose exceptional exits cannot be observed (see {@link MethodPlan#everyExitObserved}) never claim
 * the component, so an unobserved exit cannot leave it claimed for good.
 *
 * <p>An outermost call that the component's {@link ComponentSampler} (its {@code sample:}, or the
 * {@link CircuitBreaker}) turns away records nothing and is counted as unrecorded; it still claims
 * its component like a recorded one.
 */
public final class RunRecorder implements CaptureHooks {
  private static final int MAX_ERROR_MESSAGE = 1024;
  private static final CapturedValue[] NO_VALUES = new CapturedValue[0];

  private final MethodRegistry registry;
  private final ValueEncoder encoder;
  private final Consumer<CompletedRun> sink;
  private final CircuitBreaker breaker;
  private final AtomicLong sequence = new AtomicLong();
  private final ThreadLocal<ActiveComponents> active =
      ThreadLocal.withInitial(ActiveComponents::new);

  public RunRecorder(MethodRegistry registry, ValueEncoder encoder, Consumer<CompletedRun> sink) {
    this(registry, encoder, sink, CircuitBreaker.never());
  }

  /**
   * @param breaker makes every component record fewer calls while the queue falls behind
   */
  public RunRecorder(
      MethodRegistry registry,
      ValueEncoder encoder,
      Consumer<CompletedRun> sink,
      CircuitBreaker breaker) {
    this.registry = registry;
    this.encoder = encoder;
    this.sink = sink;
    this.breaker = breaker;
  }

  /** State of one call in flight; confined to the calling thread. */
  static final class RunToken {
    final MethodPlan plan;
    final long sequence;
    final long startMicros;
    final long startNanos;

    /** Set by {@link RunRecorder#entry}; empty when the method reads nothing at entry. */
    CapturedValue[] entryValues = NO_VALUES;

    final boolean claimed;

    /** What plugins derive from this call's values; null when the YAML names no plugin. */
    final DerivedValues derived;

    boolean finished;

    RunToken(
        MethodPlan plan,
        long sequence,
        long startMicros,
        long startNanos,
        boolean claimed,
        DerivedValues derived) {
      this.derived = derived;
      this.plan = plan;
      this.sequence = sequence;
      this.startMicros = startMicros;
      this.startNanos = startNanos;
      this.claimed = claimed;
    }
  }

  @Override
  public Object enter(int methodId) {
    MethodPlan plan = registry.get(methodId);
    if (plan == null) {
      return null;
    }
    boolean claims = plan.everyExitObserved();
    if (claims) {
      ActiveComponents components = active.get();
      if (components.contains(plan.component())) {
        return null; // part of the run already in progress on this thread
      }
      components.push(plan.component());
    }
    ComponentSampler sampler = plan.sampler();
    if (!sampler.admits(breaker)) {
      // Counted, not recorded; a claiming call still holds its component until it exits, so
      // that a nested call of the same component is not recorded as a run of its own.
      ComponentSampler.Skip skip = sampler.skipped();
      return claims ? skip : null;
    }
    long micros = nowMicros();
    long nanos = System.nanoTime();
    DerivedValues derived = encoder.hasPlugins() ? new DerivedValues() : null;
    return new RunToken(plan, sequence.incrementAndGet(), micros, nanos, claims, derived);
  }

  @Override
  public boolean recording(Object token) {
    return token instanceof RunToken;
  }

  @Override
  public void entry(Object token, Object[] entryValues) {
    if (!(token instanceof RunToken t) || entryValues == null) {
      return;
    }
    int n = entryValues.length;
    CapturedValue[] encoded = new CapturedValue[n];
    for (PlannedVariable v : t.plan.variables()) {
      if (v.atEntry() && v.index() < n) {
        encoded[v.index()] = capture(v, entryValues[v.index()], t.derived);
      }
    }
    t.entryValues = encoded;
  }

  /** {@link #enter} then, for a recorded call, {@link #entry}: as woven code calls them. */
  public Object enter(int methodId, Object[] entryValues) {
    Object token = enter(methodId);
    if (recording(token)) {
      entry(token, entryValues);
    }
    return token;
  }

  @Override
  public void exit(Object token, Object[] exitValues) {
    if (token instanceof ComponentSampler.Skip skip) {
      active.get().remove(skip.component());
      return;
    }
    finish((RunToken) token, exitValues, null);
  }

  @Override
  public void fail(Object token, Throwable error) {
    if (token instanceof ComponentSampler.Skip skip) {
      active.get().remove(skip.component());
      return;
    }
    finish((RunToken) token, null, error);
  }

  private void finish(RunToken t, Object[] exitValues, Throwable error) {
    if (t.finished) {
      return; // a fail() after exit() can only come from the exit hook itself; one run only
    }
    t.finished = true;
    if (t.claimed) {
      active.get().remove(t.plan.component());
    }
    long durationNanos = System.nanoTime() - t.startNanos;
    // One clock read per call: the end is the start plus the monotonic duration.
    long endMicros = t.startMicros + durationNanos / 1_000;
    List<CapturedValue> inputs = new ArrayList<>();
    List<CapturedValue> outputs = new ArrayList<>();
    for (PlannedVariable v : t.plan.variables()) {
      CapturedValue value;
      if (v.atEntry()) {
        value =
            v.index() < t.entryValues.length && t.entryValues[v.index()] != null
                ? t.entryValues[v.index()]
                : CapturedValue.absent(v.name());
      } else {
        Object raw =
            exitValues != null && v.index() < exitValues.length
                ? exitValues[v.index()]
                : CaptureBridge.ABSENT;
        value = capture(v, raw, t.derived);
      }
      (v.input() ? inputs : outputs).add(value);
    }
    if (t.derived != null) {
      t.derived.appendTo(inputs, outputs);
    }
    String errorClass = error == null ? null : error.getClass().getName();
    String errorMessage = error == null ? null : cut(safeMessage(error));
    sink.accept(
        new CompletedRun(
            t.plan,
            t.sequence,
            t.startMicros,
            endMicros,
            durationNanos,
            Thread.currentThread().getName(),
            error != null,
            errorClass,
            errorMessage,
            inputs,
            outputs));
  }

  /** The variable's value, after following its field path if it has one. */
  private CapturedValue capture(PlannedVariable v, Object raw, DerivedValues derived) {
    if (v.fieldPath() != null) {
      raw = v.fieldPath().read(raw);
      if (raw instanceof FieldPath.Unreadable u) {
        return new CapturedValue(v.name(), ValueKind.ABSENT, u.reason(), null, null, -1);
      }
    }
    return encoder.encode(v.name(), v.options(), raw, derived, v.input());
  }

  private static String safeMessage(Throwable error) {
    try {
      return error.getMessage();
    } catch (Throwable t) {
      // getMessage() is the application's code and may itself fail.
      AgentCounters.internalError();
      return null;
    }
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_ERROR_MESSAGE ? s : s.substring(0, MAX_ERROR_MESSAGE);
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** The components with a run in progress on one thread; tiny, so a list beats a set. */
  private static final class ActiveComponents {
    private String[] names = new String[4];
    private int size;

    boolean contains(String component) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(component)) {
          return true;
        }
      }
      return false;
    }

    void push(String component) {
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
      }
      names[size++] = component;
    }

    void remove(String component) {
      for (int i = size - 1; i >= 0; i--) {
        if (names[i].equals(component)) {
          System.arraycopy(names, i + 1, names, i, size - i - 1);
          names[--size] = null;
          return;
        }
      }
    }
  }
}
