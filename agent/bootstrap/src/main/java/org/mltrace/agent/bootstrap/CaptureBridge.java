package org.mltrace.agent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The static entry points that woven code calls: {@link #enter} and, for a recorded call, {@link
 * #entry} at entry; {@link #exit} at each return, {@link #fail} on a throw.
 *
 * <p>Loaded by the bootstrap loader so that classes of any loader can link to it. Until the agent's
 * internals have installed their hooks, every call returns at once. Nothing thrown inside the hooks
 * reaches the application: it is counted in {@link #failures()} and the instrumented method carries
 * on exactly as it would without the agent.
 */
public final class CaptureBridge {

  /** Stands for a variable that has no value at this exit (a local out of scope). */
  public static final Object ABSENT = new Object();

  private static volatile CaptureHooks hooks;
  private static final AtomicLong FAILURES = new AtomicLong();

  private CaptureBridge() {}

  public static void install(CaptureHooks newHooks) {
    hooks = newHooks;
  }

  /** Hook failures that escaped the hooks' own handling; should stay zero. */
  public static long failures() {
    return FAILURES.get();
  }

  public static Object enter(int methodId) {
    CaptureHooks h = hooks;
    if (h == null) {
      return null;
    }
    try {
      return h.enter(methodId);
    } catch (Throwable t) {
      // Whatever goes wrong in the agent must not change the application's behaviour.
      FAILURES.incrementAndGet();
      return null;
    }
  }

  /** Whether woven code should read the call's values for {@link #entry} and {@link #exit}. */
  public static boolean recording(Object token) {
    CaptureHooks h = hooks;
    if (token == null || h == null) {
      return false;
    }
    try {
      return h.recording(token);
    } catch (Throwable t) {
      FAILURES.incrementAndGet();
      return false;
    }
  }

  public static void entry(Object token, Object[] entryValues) {
    CaptureHooks h = hooks;
    if (token == null || h == null) {
      return;
    }
    try {
      h.entry(token, entryValues);
    } catch (Throwable t) {
      FAILURES.incrementAndGet();
    }
  }

  public static void exit(Object token, Object[] exitValues) {
    CaptureHooks h = hooks;
    if (token == null || h == null) {
      return;
    }
    try {
      h.exit(token, exitValues);
    } catch (Throwable t) {
      FAILURES.incrementAndGet();
    }
  }

  public static void fail(Object token, Throwable error) {
    CaptureHooks h = hooks;
    if (token == null || h == null) {
      return;
    }
    try {
      h.fail(token, error);
    } catch (Throwable t) {
      FAILURES.incrementAndGet();
    }
  }
}
