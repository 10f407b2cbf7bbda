package org.mltrace.agent.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's own logger: one line per message on stderr, prefixed {@code [mltrace]}.
 *
 * <p>In-house on purpose: a logging library inside the agent could clash with the application's.
 * Each key is printed once, and at most {@value #MAX_LINES} lines in all, so a failure repeated on
 * a hot path can never flood the application's console.
 */
public final class AgentLog {
  static final int MAX_LINES = 200;
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger PRINTED = new AtomicInteger();

  private AgentLog() {}

  public static void info(String message) {
    print(message);
  }

  public static void warn(String message) {
    print("warning: " + message);
  }

  /** Prints the message the first time {@code key} is seen; later calls are silent. */
  public static void warnOnce(String key, String message) {
    if (SEEN.add(key)) {
      warn(message);
    }
  }

  private static void print(String message) {
    int n = PRINTED.incrementAndGet();
    if (n < MAX_LINES) {
      System.err.println("[mltrace] " + message);
    } else if (n == MAX_LINES) {
      System.err.println("[mltrace] further agent messages suppressed");
    }
  }
}
