package org.mltrace.agent.core;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Test support: what an action printed on {@code System.err}, where {@link AgentLog} writes. */
public final class Stderr {
  private Stderr() {}

  /** An action that may throw anything, so tests need not wrap checked exceptions. */
  public interface Action {
    void run() throws Exception;
  }

  public static String of(Action action) throws Exception {
    PrintStream old = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
