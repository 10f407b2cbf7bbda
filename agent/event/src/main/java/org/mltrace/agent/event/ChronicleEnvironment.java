package org.mltrace.agent.event;

import java.lang.reflect.Field;

/**
 * What both ends of the queue (agent and collector) set up before Chronicle Queue first loads.
 *
 * <ul>
 *   <li>{@code chronicle.analytics.disable} and {@code chronicle.announcer.disable}, unless already
 *       set: no usage analytics sent, no files written in the user's home.
 *   <li>On Java 24+, Java's one-time "terminally deprecated method in sun.misc.Unsafe" warning,
 *       which Chronicle's use triggers, is marked as already printed. The JDK guards it with a
 *       static flag in {@code sun.misc.Unsafe} (whose package {@code jdk.unsupported} opens to
 *       everyone); the option that controls it is read at JVM start, out of reach of an agent or a
 *       manifest. Deliberate trade-off (docs/design-decisions.md): the host's own first use of
 *       those methods does not warn either. With {@code --sun-misc-unsafe-memory-access=debug} or
 *       {@code deny} given, nothing is changed.
 * </ul>
 */
public final class ChronicleEnvironment {
  private ChronicleEnvironment() {}

  public static void prepare() {
    setIfAbsent("chronicle.analytics.disable", "true");
    setIfAbsent("chronicle.announcer.disable", "true");
    markUnsafeWarningAsGiven();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static void markUnsafeWarningAsGiven() {
    if (Runtime.version().feature() < 24) {
      return;
    }
    String option = System.getProperty("sun.misc.unsafe.memory.access");
    if (option != null && !option.equals("warn")) {
      return;
    }
    try {
      Field warned = Class.forName("sun.misc.Unsafe").getDeclaredField("memoryAccessWarned");
      warned.setAccessible(true);
      warned.setBoolean(null, true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A JDK without this flag does not print the warning this way; nothing to do.
    }
  }
}
