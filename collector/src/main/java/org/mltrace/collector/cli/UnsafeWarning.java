package org.mltrace.collector.cli;

import java.lang.reflect.Field;

/**
 * Keeps Java 24+'s one-time "terminally deprecated method in sun.misc.Unsafe" warning, which
 * Chronicle's use triggers, off the collector's stderr, so that a command prints only its result or
 * its one-line error.
 *
 * <p>The JDK prints that warning once per JVM, guarded by a static flag in {@code sun.misc.Unsafe}
 * (whose package {@code jdk.unsupported} opens to everyone); marking it as given before Chronicle
 * loads is the only way a {@code java -jar} can stay silent, since the option that controls it
 * cannot go in a manifest. Same trade-off as the agent's (docs/design-decisions.md). With {@code
 * --sun-misc-unsafe-memory-access=debug} or {@code deny}, nothing is changed.
 */
final class UnsafeWarning {
  private UnsafeWarning() {}

  static void markAsGiven() {
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
