package org.mltrace.agent.core.queue;

import java.lang.reflect.Field;

/**
 * Keeps Java 24+'s one-time "terminally deprecated method in sun.misc.Unsafe" warning, which
 * Chronicle's use would trigger, off the application's stderr.
 *
 * <p>The JDK prints that warning once per JVM, guarded by a static flag in {@code
 * sun.misc.Unsafe} (whose package {@code jdk.unsupported} opens to everyone). Marking it as
 * already given is the only way an agent can stay silent, since the JVM option that controls it
 * is read at start-up. Deliberate trade-off, listed in {@code docs/design-decisions.md}: the
 * application's own first use of those methods then does not warn either. With {@code
 * --sun-misc-unsafe-memory-access=debug} or {@code deny} set by the user, nothing is changed.
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
